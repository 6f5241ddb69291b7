package dev.crosslinkhub.hub.access;

import java.time.Instant;
import java.util.Optional;

/** Where issued {@code /ws} tickets wait to be redeemed, by their SHA-256: shared by every hub that shares it. */
public interface TicketBook {

    /** What is kept of a ticket: until when it is good, and the token generation it was issued under. */
    record Kept(Instant expiresAt, long tokenGeneration) {
    }

    void keep(String ticketSha256, Kept ticket);

    /** Removes the ticket and answers what was kept of it, if it was there: of takers at once, one gets it. */
    Optional<Kept> take(String ticketSha256);

    /** Drops the tickets that expired before {@code now} without being redeemed. */
    void forgetExpired(Instant now);
}
