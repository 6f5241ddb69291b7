package dev.crosslinkhub.hub.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Short-lived, single-use tickets that let a browser open {@code /ws?ticket=…} without putting
 * the API token in a URL (browsers cannot set headers on a WebSocket). Kept in a {@link TicketBook}
 * (the database), so any hub of a cluster redeems a ticket any other issued, once.
 */
@ApplicationScoped
public class Tickets {

    static final Duration LIFETIME = Duration.ofSeconds(30);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    @Inject
    TicketBook book;

    public record Ticket(String ticket, Instant expiresAt) {
    }

    public Tickets() {
        this.clock = Clock.systemUTC();
    }

    Tickets(TicketBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    /** A ticket good for {@link #LIFETIME}, standing for the token of {@code tokenGeneration}. */
    public Ticket issue(long tokenGeneration) {
        Instant now = clock.instant();
        book.forgetExpired(now);
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        Ticket ticket = new Ticket(HexFormat.of().formatHex(bytes), now.plus(LIFETIME));
        book.keep(sha256(ticket.ticket()), new TicketBook.Kept(ticket.expiresAt(), tokenGeneration));
        return ticket;
    }

    /** Once, for a ticket issued less than {@link #LIFETIME} ago: the token generation it stands for. */
    OptionalLong redeem(String ticket) {
        return book.take(sha256(ticket))
                .filter(kept -> clock.instant().isBefore(kept.expiresAt()))
                .map(kept -> OptionalLong.of(kept.tokenGeneration()))
                .orElse(OptionalLong.empty());
    }

    private static String sha256(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
