package dev.crosslinkhub.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    @Test
    void aTicketWorksOnceAndOnlyWithinItsLifetime() {
        HandClock clock = new HandClock();
        Tickets tickets = new Tickets(clock);
        Tickets.Ticket once = tickets.issue();
        Tickets.Ticket late = tickets.issue();
        assertNotEquals(once.ticket(), late.ticket());
        assertEquals(clock.instant().plus(Tickets.LIFETIME), once.expiresAt());

        assertTrue(tickets.redeem(once.ticket()));
        assertFalse(tickets.redeem(once.ticket()), "a second use");

        clock.advance(Tickets.LIFETIME.minusMillis(1));
        Tickets.Ticket justInTime = tickets.issue();
        clock.advance(Duration.ofMillis(1));
        assertFalse(tickets.redeem(late.ticket()), "at its expiry");
        assertTrue(tickets.redeem(justInTime.ticket()));
        assertFalse(tickets.redeem("made-up"));
    }

    @Test
    void expiredTicketsThatNobodyRedeemedDoNotPileUp() {
        HandClock clock = new HandClock();
        Tickets tickets = new Tickets(clock);
        for (int i = 0; i < 1000; i++) {
            tickets.issue();
        }
        clock.advance(Tickets.LIFETIME.plusSeconds(1));
        tickets.issue();
        assertEquals(1, tickets.outstanding(), "the thousand expired tickets were swept by the next issue");
    }
}
