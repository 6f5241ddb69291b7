package dev.crosslinkhub.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TicketsTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The ticket book without a database. */
    private static final class MemoryTicketBook implements TicketBook {
        final Map<String, Kept> kept = new HashMap<>();

        @Override
        public void keep(String ticketSha256, Kept ticket) {
            kept.put(ticketSha256, ticket);
        }

        @Override
        public Optional<Kept> take(String ticketSha256) {
            return Optional.ofNullable(kept.remove(ticketSha256));
        }

        @Override
        public void forgetExpired(Instant now) {
            kept.values().removeIf(ticket -> ticket.expiresAt().isBefore(now));
        }
    }

    @Test
    void aTicketWorksOnceAndOnlyWithinItsLifetimeAndStandsForItsTokensGeneration() {
        HandClock clock = new HandClock();
        MemoryTicketBook book = new MemoryTicketBook();
        Tickets tickets = new Tickets(book, clock);
        Tickets.Ticket once = tickets.issue(3);
        Tickets.Ticket late = tickets.issue(3);
        assertNotEquals(once.ticket(), late.ticket());
        assertEquals(clock.instant().plus(Tickets.LIFETIME), once.expiresAt());
        assertTrue(book.kept.keySet().stream().noneMatch(key -> key.equals(once.ticket())), "only its hash is kept");

        assertEquals(OptionalLong.of(3), tickets.redeem(once.ticket()));
        assertEquals(OptionalLong.empty(), tickets.redeem(once.ticket()), "a second use");

        clock.advance(Tickets.LIFETIME.minusMillis(1));
        Tickets.Ticket justInTime = tickets.issue(4);
        clock.advance(Duration.ofMillis(1));
        assertEquals(OptionalLong.empty(), tickets.redeem(late.ticket()), "at its expiry");
        assertEquals(OptionalLong.of(4), tickets.redeem(justInTime.ticket()));
        assertEquals(OptionalLong.empty(), tickets.redeem("made-up"));
    }

    @Test
    void expiredTicketsThatNobodyRedeemedDoNotPileUp() {
        HandClock clock = new HandClock();
        MemoryTicketBook book = new MemoryTicketBook();
        Tickets tickets = new Tickets(book, clock);
        for (int i = 0; i < 1000; i++) {
            tickets.issue(0);
        }
        clock.advance(Tickets.LIFETIME.plusSeconds(1));
        tickets.issue(0);
        assertEquals(1, book.kept.size(), "the thousand expired tickets were swept by the next issue");
    }
}
