package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.events.Channels;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientMessageTest {

    private static ClientMessage read(String text) {
        return ClientMessage.read(text, Channels.CROSSLINK::contains);
    }

    private static String refusal(String text) {
        return assertInstanceOf(ClientMessage.Refused.class, read(text)).reason();
    }

    @Test
    void crosslinksDashboardSubscribe() {
        assertEquals(new ClientMessage.Subscribe(Set.of("agents", "issues", "execution"), null),
                read("{\"type\":\"subscribe\",\"channels\":[\"agents\",\"issues\",\"execution\"]}"));
    }

    @Test
    void extraKeysAreIgnoredAndAnEmptyListIsValid() {
        assertEquals(new ClientMessage.Subscribe(Set.of(), null), read("{\"channels\":[],\"type\":\"subscribe\",\"x\":1}"));
    }

    @Test
    void sinceAsksForAReplay() {
        assertEquals(new ClientMessage.Subscribe(Set.of("locks"), 42L),
                read("{\"type\":\"subscribe\",\"channels\":[\"locks\"],\"since\":42}"));
        assertEquals("'since' must be a non-negative integer event id, not -1",
                refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":-1}"));
        assertEquals("'since' must be a non-negative integer event id, not \"7\"",
                refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":\"7\"}"));
        assertEquals("'since' must be a non-negative integer event id, not 1.5",
                refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":1.5}"));
    }

    @Test
    void everyRefusalSaysWhatWasWrong() {
        assertTrue(refusal("").startsWith("malformed JSON"));
        assertTrue(refusal("{\"type\":").startsWith("malformed JSON"));
        assertEquals("a message must be a JSON object", refusal("\"subscribe\""));
        assertEquals("missing field 'type' (a string)", refusal("{\"type\":1}"));
        assertEquals("unknown message type 'Subscribe'; the only one is 'subscribe'", refusal("{\"type\":\"Subscribe\"}"));
        assertEquals("subscribe needs field 'channels' (an array of channel names)", refusal("{\"type\":\"subscribe\",\"channels\":\"locks\"}"));
        assertEquals("'channels' holds a non-string entry: null", refusal("{\"type\":\"subscribe\",\"channels\":[null]}"));
        assertEquals("unknown channel 'gap'", refusal("{\"type\":\"subscribe\",\"channels\":[\"locks\",\"gap\"]}"));
    }
}
