package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fragmented messages (RFC 6455 §5.4): fragments make one message, control frames may come
 * between them, and a continuation must continue something, a new message wait for the end of
 * the last.
 */
class FragmentationIT extends ConformanceCase {

    @Test
    void aSubscribeInThreeFragmentsWithAPingBetweenIsOneSubscribeAndThePingIsAnswered() {
        RawWebSocket client = connect();
        byte[] subscribe = utf8("{\"type\":\"subscribe\",\"channels\":[\"locks\"]}");
        byte[] ping = utf8("between fragments");
        client.send(Frame.text(new String(subscribe, 0, 10, StandardCharsets.UTF_8)).notFinal(),
                Frame.ping(ping),
                Frame.continuation(Arrays.copyOfRange(subscribe, 10, 25)).notFinal(),
                Frame.continuation(Arrays.copyOfRange(subscribe, 25, subscribe.length)));
        assertArrayEquals(ping, client.awaitPong(1, Duration.ofSeconds(20)), "the pong carries the ping's payload");
        String barrier = assertUsable(client);
        assertEquals(List.of(barrier), client.texts(), "the fragments were one valid subscribe: no error before the barrier's");
        assertReceivesLockEvent(client);
    }

    @Test
    void emptyFragmentsAreFragmentsToo() {
        RawWebSocket client = connect();
        String type = barrierType();
        client.send(Frame.text("").notFinal(), Frame.continuation(utf8(barrierJson(type))).notFinal(),
                Frame.continuation(new byte[0]).notFinal(), Frame.continuation(new byte[0]));
        client.awaitText("unknown message type '" + type + "'");
        assertUsable(client);
    }

    @Test
    void aBinaryMessageInFragmentsIsOneMessageTheHubRefuses() {
        RawWebSocket client = connect();
        client.send(Frame.binary(bytes(1, 2)).notFinal(), Frame.pong(new byte[0]), Frame.continuation(bytes(3, 4, 5)));
        client.awaitText("binary messages are not supported (5 bytes)");
        assertUsable(client);
    }

    @Test
    void aContinuationWithNothingToContinueFailsTheConnectionWith1002() {
        List<Map.Entry<String, Frame>> cases = List.of(
                Map.entry("a final continuation with no message open", Frame.continuation(utf8(barrierJson(barrierType())))),
                Map.entry("a non-final continuation with no message open", Frame.continuation(utf8("{\"type\":")).notFinal()));
        cases.forEach(entry -> {
            String what = entry.getKey();
            Frame frame = entry.getValue();
            RawWebSocket client = connect();
            assertUsable(client);
            client.send(frame);
            assertFails(client, what, 1002);
        });
        // and after a message that has ended
        RawWebSocket client = connect();
        String type = barrierType();
        client.send(Frame.text("{\"type\":").notFinal(), Frame.continuation(utf8("\"" + type + "\"}")));
        client.awaitText(type);
        client.send(Frame.continuation(utf8(" ")));
        assertFails(client, "a continuation after the message ended", 1002);
    }

    @Test
    void aNewMessageWhileOneIsInFragmentsFailsTheConnectionWith1002() {
        List<Map.Entry<String, Frame>> cases = List.of(
                Map.entry("a text frame inside a fragmented text message", Frame.text(barrierJson(barrierType()))),
                Map.entry("a binary frame inside a fragmented text message", Frame.binary(bytes(1))),
                Map.entry("a non-final text frame inside a fragmented text message", Frame.text("{").notFinal()));
        cases.forEach(entry -> {
            String what = entry.getKey();
            Frame frame = entry.getValue();
            RawWebSocket client = connect();
            String type = barrierType();
            client.send(Frame.text("{\"type\":\"" + type).notFinal(), frame);
            assertFails(client, what, 1002);
            assertFalse(client.texts().stream().anyMatch(text -> text.contains(type)), what + ": the open message reached the hub");
        });
    }
}
