package dev.crosslinkhub.hub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An event crosses the data grid as text and comes out as it went in, whatever its channel
 * holds; an epoch mark is never taken for an event.
 */
class GridMessageTest {

    @Test
    void roundTripsChannelTailTagAndTime() {
        EncodedEvent event = new EncodedEvent("orders:eu", "\"order\":\"a:b\",\"type\":\"order_shipped\"}");
        GridMessage sent = new GridMessage(1_795_604_041_875L, "3f2a-17", event);
        String text = sent.encode();
        assertEquals("1795604041875:3f2a-17:9:orders:eu\"order\":\"a:b\",\"type\":\"order_shipped\"}", text);
        assertEquals(sent, GridMessage.decode(text));
        assertFalse(EpochMark.is(text));
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("hello"));
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("12:t:40:locks{}"));
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("12:t:0:{}"));
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("12:5:locks{}"));
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("x:t:5:locks{}"));
    }

    @Test
    void anEpochMarkRoundTrips() {
        String text = new EpochMark(7_000_000_000L).encode();
        assertTrue(EpochMark.is(text));
        assertEquals(7_000_000_000L, EpochMark.decode(text).base());
    }
}
