package dev.crosslinkhub.hub.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who may open {@code /ws} (MicroProfile Config); README.md lists these with the hub's other settings. */
@ApplicationScoped
public class AccessSettings {

    @Inject
    @ConfigProperty(name = "hub.ws.allow-anonymous", defaultValue = "false")
    boolean anonymousWebSocket;

    @Inject
    @ConfigProperty(name = "hub.ws.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "hub.public-url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "hub.trusted-proxies")
    Optional<String> trustedProxies;

    /** Read once: every handshake asks, and the settings do not change while the hub runs. */
    private Set<String> proxies;
    private OriginPolicy origins;

    @PostConstruct
    void read() {
        proxies = split(trustedProxies);
        origins = new OriginPolicy(split(allowedOrigins), publicUrl);
    }

    /** The proxies whose X-Forwarded-For is believed: their address, as the hub sees it, each. */
    Set<String> trustedProxies() {
        return proxies;
    }

    /** crosslink 0.8 clients send no token on /ws; this lets them in, and anyone else who can reach the port. */
    boolean anonymousWebSocket() {
        return anonymousWebSocket;
    }

    /** Which browser pages may open {@code /ws}. */
    OriginPolicy origins() {
        return origins;
    }

    /**
     * Why a browser page from {@code origin} may not call the hub's other browser-reachable
     * endpoints ({@code /mcp}): the same pages as may open {@code /ws}. Empty when it may, or when
     * no page asks (no {@code Origin}: not a browser).
     */
    public Optional<String> refusesOrigin(String origin, String host) {
        if (origin == null || origins.allows(origin, host)) {
            return Optional.empty();
        }
        return Optional.of("origin " + origin + " is not allowed: " + origins.advice());
    }

    private static Set<String> split(Optional<String> list) {
        // a plain string split here: Payara's MicroProfile Config cannot inject Optional<List<String>>
        return Arrays.stream(list.orElse("").split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
