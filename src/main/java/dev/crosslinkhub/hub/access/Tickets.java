package dev.crosslinkhub.hub.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that let a browser open {@code /ws?ticket=…} without putting
 * the API token in a URL (browsers cannot set headers on a WebSocket).
 */
@ApplicationScoped
public class Tickets {

    static final Duration LIFETIME = Duration.ofSeconds(30);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> open = new ConcurrentHashMap<>();
    private final Clock clock;

    public Tickets() {
        this(Clock.systemUTC());
    }

    Tickets(Clock clock) {
        this.clock = clock;
    }

    public record Ticket(String ticket, Instant expiresAt) {
    }

    /** How many tickets are issued and neither redeemed nor yet swept as expired. */
    int outstanding() {
        return open.size();
    }

    public Ticket issue() {
        Instant now = clock.instant();
        open.values().removeIf(expiry -> expiry.isBefore(now));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        Ticket ticket = new Ticket(HexFormat.of().formatHex(bytes), now.plus(LIFETIME));
        open.put(ticket.ticket(), ticket.expiresAt());
        return ticket;
    }

    /** True once for a ticket issued less than {@link #LIFETIME} ago. */
    boolean redeem(String ticket) {
        Instant expiry = open.remove(ticket);
        return expiry != null && clock.instant().isBefore(expiry);
    }
}
