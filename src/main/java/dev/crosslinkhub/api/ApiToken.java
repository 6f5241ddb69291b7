package dev.crosslinkhub.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token of the REST API: {@code hub.api-token}, or, when none is set, 32 random hex
 * characters made at start and printed once ({@link StartBanner}) so the operator can use them.
 * A configured token shorter than {@link #MIN_LENGTH} stops the application from starting.
 */
@ApplicationScoped
public class ApiToken {

    private static final Logger LOG = Logger.getLogger(ApiToken.class.getName());
    private static final String BEARER = "Bearer ";
    /** Shorter tokens are refused, configured or rotated to: 16 characters of hex are 64 bits. */
    public static final int MIN_LENGTH = 16;

    @Inject
    @ConfigProperty(name = "hub.api-token")
    Optional<String> configured;

    /** Replaced whole on rotation; a reader sees the old token or the new one. */
    private volatile byte[] token;
    private boolean generated;

    @PostConstruct
    void load() {
        String value = configured.map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
        if (value == null) {
            value = randomToken();
            generated = true;
        } else if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException(tooShort("hub.api-token", value));
        }
        token = value.getBytes(StandardCharsets.UTF_8);
    }

    /** What to say of a token that is too short; {@code null} if {@code value} is long enough. */
    public static String tooShort(String what, String value) {
        return value.length() >= MIN_LENGTH ? null
                : what + " is " + value.length() + " characters; at least " + MIN_LENGTH
                        + " are required (a random one: openssl rand -hex 16)";
    }

    /** The token made at start, for the start banner; empty when it was configured (and is never printed). */
    Optional<String> generated() {
        return generated ? Optional.of(new String(token, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /**
     * Replaces the token at once, without a restart: the old one stops working. With no
     * {@code next}, a new random one is made.
     */
    public String rotate(String next) {
        String value = next == null || next.isBlank() ? randomToken() : next.trim();
        String refusal = tooShort("token", value);
        if (refusal != null) {
            throw RequestRejected.badRequest(refusal); // the old token stays
        }
        token = value.getBytes(StandardCharsets.UTF_8);
        LOG.info("API token rotated");
        return value;
    }

    private static String randomToken() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <this token>} (crosslink's exact-case scheme). */
    public boolean authorizes(String authorizationHeader) {
        return authorizationHeader != null && authorizationHeader.startsWith(BEARER)
                && matches(authorizationHeader.substring(BEARER.length()));
    }

    /** Compares in constant time, so a wrong guess tells nothing about how close it was. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
