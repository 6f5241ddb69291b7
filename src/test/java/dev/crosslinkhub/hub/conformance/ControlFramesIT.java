package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ping and pong (RFC 6455 §5.5.2, §5.5.3): a ping is answered with its own payload, a pong nobody
 * asked for is ignored, and no control frame may be longer than 125 bytes or fragmented (§5.5).
 */
class ControlFramesIT extends ConformanceCase {

    private static final Duration PONG_WITHIN = Duration.ofSeconds(20);

    @Test
    void aPingIsAnsweredWithAPongOfTheSamePayload() {
        byte[] full = new byte[125];
        new Random(6455).nextBytes(full);
        List<byte[]> payloads = List.of(new byte[0], utf8("hello"), full);
        RawWebSocket client = connect();
        for (int i = 0; i < payloads.size(); i++) {
            client.send(Frame.ping(payloads.get(i)));
            assertArrayEquals(payloads.get(i), client.awaitPong(i + 1, PONG_WITHIN), "pong " + (i + 1));
        }
        assertUsable(client);
    }

    @Test
    void anUnsolicitedPongIsIgnored() {
        RawWebSocket client = connect();
        client.send(Frame.pong(utf8("nobody asked")), Frame.pong(new byte[0]));
        String barrier = assertUsable(client);
        // The hub reads a pong as a sign of life (its keepalive) and answers nothing.
        assertEquals(List.of(barrier), client.texts());
        assertTrue(client.pongs().isEmpty(), "a pong was answered with a pong");
        assertReceivesLockEvent(client);
    }

    @Test
    void aControlFrameOver125BytesFailsTheConnectionWith1002() {
        List<Map.Entry<String, Frame>> cases = List.of(
                Map.entry("a ping of 126 bytes", Frame.ping(new byte[126])),
                Map.entry("a pong of 126 bytes", Frame.pong(new byte[126])),
                Map.entry("a ping of 65,536 bytes", Frame.ping(new byte[65_536])));
        cases.forEach(entry -> {
            RawWebSocket client = connect();
            assertUsable(client);
            client.trySend(entry.getValue()); // the server may close while the 64 KiB are still going out
            assertFails(client, entry.getKey(), 1002);
            assertTrue(client.pongs().isEmpty(), entry.getKey() + " was answered");
        });
    }

    @Test
    void aFragmentedControlFrameFailsTheConnectionWith1002() {
        List<Map.Entry<String, List<Frame>>> cases = List.of(
                Map.entry("a non-final ping", List.of(Frame.ping(utf8("part")).notFinal())),
                Map.entry("a non-final ping then its continuation", List.of(Frame.ping(utf8("pa")).notFinal(),
                        Frame.continuation(utf8("rt")))),
                Map.entry("a non-final pong", List.of(Frame.pong(utf8("part")).notFinal())));
        cases.forEach(entry -> {
            RawWebSocket client = connect();
            assertUsable(client);
            client.trySend(entry.getValue().toArray(Frame[]::new));
            assertFails(client, entry.getKey(), 1002);
            assertTrue(client.pongs().isEmpty(), entry.getKey() + " was answered");
        });
    }
}
