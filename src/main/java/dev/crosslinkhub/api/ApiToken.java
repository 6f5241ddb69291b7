package dev.crosslinkhub.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token of the REST API and {@code /ws}: {@code hub.api-token}, or, when none is set, 32
 * random hex characters made at start and printed once ({@link StartBanner}). A configured token
 * shorter than {@link TokenLength#MIN_LENGTH} stops the application from starting.
 *
 * <p>A rotation is kept in the database ({@link TokenStore}), so it holds after a restart and on
 * every hub of a cluster started with the same configured token: each looks for one every half
 * second ({@link TokenWatch}) and then refuses the old token. Every rotation raises a generation;
 * a session remembers the generation it was authorised under, and sessions of an older one are
 * closed ({@link TokenRotated}). Only the token's SHA-256 is kept, here and in the database.
 */
@ApplicationScoped
public class ApiToken {

    private static final Logger LOG = Logger.getLogger(ApiToken.class.getName());
    private static final String BEARER = "Bearer ";
    /** Shorter tokens are refused, configured or rotated to: 16 characters of hex are 64 bits. */

    @Inject
    @ConfigProperty(name = "hub.api-token")
    Optional<String> configured;

    @Inject
    TokenStore store;

    @Inject
    Event<TokenRotated> rotations;

    /** The token in force; replaced whole, so a reader sees the old one or the new one. */
    private volatile Current current;
    /** The token this hub started with: a rotation replacing it applies here. */
    private String startedWithSha256;
    private String generatedText;

    private record Current(byte[] sha256, long generation) {
    }

    @PostConstruct
    void load() {
        String value = configured.map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
        if (value == null) {
            value = randomToken();
            generatedText = value;
        } else if (value.length() < TokenLength.MIN_LENGTH) {
            throw new IllegalStateException(TokenLength.refusal("hub.api-token", value));
        }
        byte[] sha256 = sha256(value);
        startedWithSha256 = HexFormat.of().formatHex(sha256);
        current = new Current(sha256, 0);
        // a rotation made before this start (here or on another hub) holds
        store.current().filter(this::appliesHere)
                .ifPresent(row -> current = new Current(HexFormat.of().parseHex(row.tokenSha256()), row.generation()));
    }

    /** What to say of a token that is too short; {@code null} if {@code value} is long enough. */
    /** The token made at start, for the start banner; empty when it was configured (and is never printed). */
    Optional<String> generated() {
        return Optional.ofNullable(generatedText);
    }

    /**
     * Replaces the token at once, on this hub, and within a second on every hub that shares the
     * database: the old one stops working. With no {@code next}, a new random one is made.
     */
    public String rotate(String next) {
        String value = next == null || next.isBlank() ? randomToken() : next.trim();
        String refusal = TokenLength.refusal("token", value);
        if (refusal != null) {
            throw RequestRejected.badRequest(refusal); // the old token stays
        }
        byte[] sha256 = sha256(value);
        adopt(sha256, store.rotate(HexFormat.of().formatHex(sha256), startedWithSha256));
        return value;
    }

    /** Takes up a rotation another hub made since; {@link TokenWatch} calls it every half second. */
    void refresh() {
        store.current().filter(this::appliesHere).filter(row -> row.generation() > current.generation())
                .ifPresent(row -> adopt(HexFormat.of().parseHex(row.tokenSha256()), row.generation()));
    }

    private boolean appliesHere(RotatedToken.View row) {
        return row.replacesSha256().equals(startedWithSha256);
    }

    private void adopt(byte[] sha256, long generation) {
        synchronized (this) {
            if (generation <= current.generation()) {
                return;
            }
            current = new Current(sha256, generation);
        }
        LOG.log(Level.INFO, "API token rotated (generation {0})", Long.toString(generation));
        rotations.fire(new TokenRotated(generation));
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <this token>} (crosslink's exact-case scheme). */
    public boolean authorizes(String authorizationHeader) {
        return generationAuthorizing(authorizationHeader).isPresent();
    }

    /** The generation of the token an {@code Authorization} header carries, if it is the token in force. */
    public OptionalLong generationAuthorizing(String authorizationHeader) {
        return authorizationHeader != null && authorizationHeader.startsWith(BEARER)
                ? generationOf(authorizationHeader.substring(BEARER.length()))
                : OptionalLong.empty();
    }

    /** The generation of {@code candidate} if it is the token in force. Compared in constant time. */
    public OptionalLong generationOf(String candidate) {
        Current now = current;
        return candidate != null && MessageDigest.isEqual(now.sha256(), sha256(candidate))
                ? OptionalLong.of(now.generation())
                : OptionalLong.empty();
    }

    public boolean matches(String candidate) {
        return generationOf(candidate).isPresent();
    }

    /** The generation of the token in force: 0 until the first rotation. */
    public long generation() {
        return current.generation();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String randomToken() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
