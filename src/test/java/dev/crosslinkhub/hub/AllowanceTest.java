package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A session's subscribes per second: the allowance, then refusals, then a new second. */
class AllowanceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theAllowanceIsTakenThenRefusedUntilTheNextSecond() {
        long start = 123 * SECOND;
        Allowance allowance = new Allowance(3, start);
        assertTrue(allowance.allow(start));
        assertTrue(allowance.allow(start + 1));
        assertTrue(allowance.allow(start + 2));
        assertFalse(allowance.allow(start + 3));
        assertFalse(allowance.allow(start + SECOND - 1));
        assertTrue(allowance.allow(start + SECOND), "a new second, a new allowance");
    }

    @Test
    void theFirstSubscribeIsAllowedWhateverTheClockReads() {
        assertTrue(new Allowance(1, -5 * SECOND).allow(-5 * SECOND));
        assertTrue(new Allowance(1, 0).allow(0));
    }
}
