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
        assertEquals(new ClientMessage.Subscribe(Set.of("locks"), 42L, 7L),
                read("{\"type\":\"subscribe\",\"channels\":[\"locks\"],\"since\":42,\"epoch\":7}"), "since of epoch 7");
        assertEquals(new ClientMessage.Subscribe(Set.of("locks"), null),
                read("{\"type\":\"subscribe\",\"channels\":[\"locks\"],\"epoch\":7}"), "an epoch without since: nothing to check");
        assertTrue(refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":1,\"epoch\":-2}").startsWith("'epoch' must be"));
        assertTrue(refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":1,\"epoch\":\"e\"}").startsWith("'epoch' must be"));
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

    @Test
    void deeplyNestedJsonIsRefusedBeforeAnyParserRecursesIntoIt() {
        for (int levels : new int[] {17, 2_000, 100_000}) {
            String nested = "{\"type\":\"subscribe\",\"channels\":" + "[".repeat(levels) + "]".repeat(levels) + "}";
            assertEquals("JSON nested " + (levels + 1) + " levels deep; the hub reads at most 16", refusal(nested));
        }
        assertEquals(new ClientMessage.Subscribe(Set.of("locks"), null),
                read("{\"type\":\"subscribe\",\"channels\":[\"locks\"],\"x\":\"" + "[[[[".repeat(100) + "\\\"\"}"),
                "brackets inside a string are text, not nesting");
    }

    @Test
    void aSinceBeyondAnyEventIdIsRefused() {
        assertTrue(refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":1e999999}").startsWith("'since' must be"));
        assertTrue(refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":9223372036854775808}").startsWith("'since' must be"));
        assertTrue(refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":-5}").startsWith("'since' must be"));
        String refusal = refusal("{\"type\":\"subscribe\",\"channels\":[],\"since\":1e99999999999}");
        assertTrue(refusal.startsWith("'since' must be") || refusal.startsWith("malformed JSON"), refusal);
    }
}
