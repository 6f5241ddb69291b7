package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.access.ClientAddress;
import org.junit.jupiter.api.Test;

/** Sessions per client address: the limit, what a refusal or a close gives back, and the table emptying. */
class AddressLimitTest {

    private final AddressLimit limit = new AddressLimit();

    @Test
    void theLimitRefusesOneMoreAndARefusalTakesNoPlace() {
        assertTrue(limit.admit("10.0.0.1", 2));
        assertTrue(limit.admit("10.0.0.1", 2));
        assertFalse(limit.admit("10.0.0.1", 2));
        assertTrue(limit.admit("10.0.0.2", 2), "another address has its own count");
        limit.release("10.0.0.1");
        assertTrue(limit.admit("10.0.0.1", 2), "a closed session gives its place back");
    }

    @Test
    void theTableEmptiesWhenEverySessionHasEnded() {
        limit.admit("10.0.0.1", 0);
        limit.admit("10.0.0.1", 0);
        limit.admit("10.0.0.3", 0);
        assertEquals(2, limit.addresses());
        limit.release("10.0.0.1");
        limit.release("10.0.0.1");
        limit.release("10.0.0.3");
        limit.release("10.0.0.3"); // a second release of the same session changes nothing
        assertEquals(0, limit.addresses());
    }

    @Test
    void anUnknownAddressIsNeitherLimitedNorCounted() {
        assertTrue(limit.admit(ClientAddress.UNKNOWN, 1));
        assertTrue(limit.admit(ClientAddress.UNKNOWN, 1));
        assertEquals(0, limit.addresses());
    }
}
