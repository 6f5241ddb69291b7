package dev.crosslinkhub.hub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An event crosses the data grid as text and comes out as it went in, whatever its channel holds. */
class GridMessageTest {

    @Test
    void roundTripsChannelTailAndTime() {
        EncodedEvent event = new EncodedEvent("orders:eu", "\"order\":\"a:b\",\"type\":\"order_shipped\"}");
        GridMessage sent = new GridMessage(1_795_604_041_875L, event);
        String text = sent.encode();
        assertEquals("1795604041875:9:orders:eu\"order\":\"a:b\",\"type\":\"order_shipped\"}", text);
        assertEquals(sent, GridMessage.decode(text));
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("hello"));
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("12:40:locks{}"));
        assertThrows(IllegalArgumentException.class, () -> GridMessage.decode("12:0:{}"));
    }
}
