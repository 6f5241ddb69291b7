package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** When the hub pings a quiet client, and when it gives it up. Times are nanoseconds the test chooses. */
class KeepaliveTest {

    private static final long IDLE = 30_000;
    private static final long TIMEOUT = 10_000;

    @Test
    void aClientHeardRecentlyIsLeftAlone() {
        Keepalive keepalive = new Keepalive(0);
        assertEquals(Keepalive.Due.NOTHING, keepalive.check(IDLE - 1, IDLE, TIMEOUT));
    }

    @Test
    void aQuietClientIsPingedOnceAndGivenUpWhenThePongNeverComes() {
        Keepalive keepalive = new Keepalive(0);
        assertEquals(Keepalive.Due.PING, keepalive.check(IDLE, IDLE, TIMEOUT));
        assertEquals(Keepalive.Due.NOTHING, keepalive.check(IDLE + TIMEOUT, IDLE, TIMEOUT), "one ping, then wait for its pong");
        assertEquals(Keepalive.Due.GONE, keepalive.check(IDLE + TIMEOUT + 1, IDLE, TIMEOUT));
    }

    @Test
    void aPongAnswersThePingAndTheClockStartsAgain() {
        Keepalive keepalive = new Keepalive(0);
        assertEquals(Keepalive.Due.PING, keepalive.check(IDLE, IDLE, TIMEOUT));
        keepalive.heard(IDLE + 5);
        assertEquals(Keepalive.Due.NOTHING, keepalive.check(IDLE + TIMEOUT + 1, IDLE, TIMEOUT));
        assertEquals(Keepalive.Due.PING, keepalive.check(2 * IDLE + 5, IDLE, TIMEOUT));
    }
}
