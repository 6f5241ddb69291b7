package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Ending;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import dev.crosslinkhub.support.RawWebSocket.Tcp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The closing handshake (RFC 6455 §5.5.1, §7.4): a close is answered with a close, a code that
 * may not go on the wire or a malformed close fails the connection, and nothing after the
 * client's close is read.
 */
class ClosingHandshakeIT extends ConformanceCase {

    @Test
    void aCloseWithACodeThatMayBeSentIsAnsweredWithAClose() {
        // §7.4.1's codes an endpoint may send, and the ranges of §7.4.2 for libraries (3000-3999) and private use (4000-4999)
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
            Ending ending = closeWith(Frame.close(code, utf8("bye")));
            report("a close with " + code, ending + (Integer.valueOf(code).equals(ending.closeCode()) ? " (echoed)" : ""));
            assertAnswered(ending, code);
        }
        Ending empty = closeWith(Frame.of(RawWebSocket.CLOSE, new byte[0]));
        report("a close without a code", empty);
        assertAnswered(empty, 1005);
    }

    /**
     * §5.5.1: a close is answered with a close, typically echoing the code (both servers echo code
     * and reason; for a close without a code, {@code code} is 1005 and any code that may be sent
     * answers it); then the server ends TCP (§7.1.1: the server closes it first).
     */
    private static void assertAnswered(Ending ending, int code) {
        assertNotNull(ending.closeCode(), "close " + code + " must be answered with a close frame: " + ending);
        assertTrue(ending.closeCode() == code || mayBeSent(ending.closeCode()), "answered " + code + " with " + ending);
        assertTrue(ending.tcp() == Tcp.CLOSED || ending.tcp() == Tcp.RESET,
                "the server must end TCP after the closing handshake: " + ending);
    }

    @Test
    void codesRegisteredAfterRfc6455AreAnsweredOrRefused() {
        // 1012-1014 are in IANA's registry, not in RFC 6455: a close either way is within the RFC
        for (int code : new int[] {1012, 1013, 1014}) {
            Ending ending = closeWith(Frame.close(code, new byte[0]));
            report("a close with " + code + " (IANA, after the RFC)", ending);
            assertFalse(ending.stillOpen(), "close " + code + " was not answered");
            awaitHubForgetsEndedSessions();
        }
    }

    @Test
    void aCloseCodeThatMayNotBeSentFailsTheConnectionWith1002() {
        // 0-999 unused, 1004 reserved, 1005/1006/1015 never on the wire, 1016-2999 reserved for the protocol (§7.4)
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999}) {
            RawWebSocket client = connect();
            assertUsable(client);
            client.send(Frame.close(code, new byte[0]));
            assertFails(client, "a close with " + code, 1002);
        }
    }

    @Test
    void aCloseCodeAbove4999IsReported() {
        // §7.4.2 defines no range above 4999: refusing it (1002) and answering it are both read into the RFC
        for (int code : new int[] {5000, 65535}) {
            Ending ending = closeWith(Frame.close(code, new byte[0]));
            report("a close with " + code, ending);
            assertFalse(ending.stillOpen(), "close " + code + " was not answered");
            assertTrue(ending.droppedWithoutClose() || ending.closeCode() == 1002 || mayBeSent(ending.closeCode())
                    || ending.closeCode() == code, ending.toString());
            awaitHubForgetsEndedSessions();
        }
    }

    @Test
    void aMalformedCloseFailsTheConnection() {
        List<Map.Entry<String, Frame>> protocolErrors = List.of(
                Map.entry("a close with a 1-byte payload", Frame.of(RawWebSocket.CLOSE, bytes(0x03))),
                Map.entry("a close of 126 bytes", Frame.close(1000, new byte[124])),
                Map.entry("a fragmented close", Frame.close(1000, new byte[0]).notFinal()));
        protocolErrors.forEach(entry -> {
            RawWebSocket client = connect();
            assertUsable(client);
            client.send(entry.getValue());
            assertFails(client, entry.getKey(), 1002);
        });
        RawWebSocket client = connect();
        assertUsable(client);
        client.send(Frame.close(1000, bytes('b', 'y', 0xC0, 0xAF, 'e')));
        assertFails(client, "a close reason that is not UTF-8 (C0 AF)", 1007);
    }

    @Test
    void framesAfterTheClientsCloseAreIgnored() {
        RawWebSocket client = connect();
        assertUsable(client);
        long refused = api.metric("crosslink_hub_refused_frames_total");
        String type = barrierType();
        client.trySend(Frame.close(1000, utf8("done")), Frame.text(barrierJson(type)), Frame.ping(utf8("after close")),
                Frame.binary(bytes(1)));
        Ending ending = client.ending(FAIL_WITHIN);
        report("a text frame, a ping and a binary frame after the client's close", ending);
        assertAnswered(ending, 1000);
        assertFalse(client.texts().stream().anyMatch(text -> text.contains(type)), "the hub read a message sent after the close");
        assertTrue(client.pongs().isEmpty(), "a ping after the close was answered");
        awaitHubForgetsEndedSessions();
        long readAfterClose = api.metric("crosslink_hub_refused_frames_total") - refused;
        report("messages after the client's close that the hub still read (and refused, unanswered)", readAfterClose);
        if (onWildFly()) {
            // Known container deviation, WildFly (Undertow 2.3): a message right behind the client's close may
            // still reach the endpoint before its @OnClose, in some runs and not others. The hub refuses it;
            // no answer goes out (asserted above), but the refused-frames metric counts it.
            assertTrue(readAfterClose <= 2, readAfterClose + " refusals for the 2 messages after the close");
        } else {
            assertEquals(0L, readAfterClose, "the hub read a message after the close");
        }
    }

    private Ending closeWith(Frame close) {
        RawWebSocket client = connect();
        assertUsable(client);
        client.send(close);
        Ending ending = client.ending(FAIL_WITHIN);
        awaitHubForgetsEndedSessions();
        return ending;
    }

    /** Whether {@code code} may go on the wire in a close frame (§7.4), counting IANA's later 1012-1014. */
    static boolean mayBeSent(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}
