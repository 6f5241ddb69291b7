package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.conformance.ProtocolModel.Unmasked;
import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Ending;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import dev.crosslinkhub.support.RawWebSocket.Length;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The frame header (RFC 6455 §5.2): reserved bits, opcodes, the client's mask (§5.1) and the three
 * length encodings. A frame the server must refuse never reaches the hub: no answer to it comes.
 */
class FramingIT extends ConformanceCase {

    @Test
    void reservedBitsWithoutAnExtensionFailTheConnectionWith1002() {
        List<Map.Entry<String, Integer>> cases = List.of(Map.entry("RSV1 on a text frame", 4),
                Map.entry("RSV2 on a text frame", 2), Map.entry("RSV3 on a text frame", 1), Map.entry("RSV1+2+3 on a text frame", 7));
        cases.forEach(entry -> {
            String what = entry.getKey();
            int bits = entry.getValue();
            RawWebSocket client = connect();
            assertUsable(client);
            String type = barrierType();
            client.send(Frame.text(barrierJson(type)).withRsv(bits));
            assertFails(client, what, 1002);
            assertFalse(client.texts().stream().anyMatch(text -> text.contains(type)), what + " reached the hub");
        });
        RawWebSocket ping = connect();
        ping.send(Frame.ping(utf8("rsv")).withRsv(4));
        assertFails(ping, "RSV1 on a ping", 1002);
        assertTrue(ping.pongs().isEmpty(), "a ping with RSV1 was answered");
    }

    @Test
    void reservedOpcodesFailTheConnectionWith1002() {
        // 3-7 are reserved non-control opcodes, 0xB-0xF reserved control opcodes (§5.2)
        for (int opcode : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            RawWebSocket client = connect();
            assertUsable(client);
            client.send(Frame.of(opcode, utf8(barrierJson(barrierType()))));
            assertFails(client, "opcode 0x" + Integer.toHexString(opcode).toUpperCase(), 1002);
        }
    }

    @Test
    void anUnmaskedClientFrameFailsTheConnectionWith1002() {
        // §5.1: "a server MUST close the connection upon receiving a frame that is not masked", with 1002 if it says why
        String type = barrierType();
        byte[] ping = utf8("unmasked");
        List<Map.Entry<String, Frame>> cases = List.of(
                Map.entry("an unmasked text frame", Frame.text(barrierJson(type)).unmasked()),
                Map.entry("an unmasked binary frame", Frame.binary(bytes(1, 2, 3)).unmasked()),
                Map.entry("an unmasked ping", Frame.ping(ping).unmasked()),
                Map.entry("an unmasked pong", Frame.pong(ping).unmasked()),
                Map.entry("an unmasked close", Frame.close(1000, utf8("bye")).unmasked()));
        cases.forEach(entry -> {
            String what = entry.getKey();
            Frame frame = entry.getValue();
            RawWebSocket client = connect();
            assertUsable(client);
            client.send(frame);
            Unmasked read = unmaskedFramesRead();
            if (read == Unmasked.REFUSED || read == Unmasked.CONTROL_READ && frame.opcode() < RawWebSocket.CLOSE) {
                assertFails(client, what, 1002);
                return;
            }
            // a known deviation (ConformanceCase.unmaskedFramesRead): read as if masked
            if (frame.opcode() == RawWebSocket.CLOSE) {
                Ending ending = client.ending(FAIL_WITHIN);
                report(what, "read as if masked (known deviation from §5.1): " + ending);
                assertEquals(Integer.valueOf(1000), ending.closeCode(), "answered as a close: " + ending);
                awaitHubForgetsEndedSessions();
                return;
            }
            switch (frame.opcode()) {
                case RawWebSocket.TEXT -> client.awaitText("unknown message type '" + type + "'");
                case RawWebSocket.BINARY -> client.awaitText("binary messages are not supported (3 bytes)");
                case RawWebSocket.PING -> assertArrayEquals(ping, client.awaitPong(1, FAIL_WITHIN));
                default -> assertTrue(client.pongs().isEmpty());
            }
            assertUsable(client);
            report(what, "read as if masked (known deviation from §5.1)");
        });
    }

    @Test
    void everyLengthEncodingIsReadAndAZeroMaskIsAMask() {
        RawWebSocket client = connect();
        // 7-bit up to 125, 16-bit from 126 to 65,535, 64-bit from 65,536 (§5.2); padded with JSON whitespace
        for (int size : new int[] {125, 126, 127, 65_535, 65_536}) {
            String type = barrierType();
            client.send(Frame.text(padded(barrierJson(type), size)));
            client.awaitText("unknown message type '" + type + "'");
        }
        client.send(Frame.text(""));
        client.awaitText("malformed JSON");
        String type = barrierType();
        client.send(Frame.text(barrierJson(type)).maskedWith(new byte[4]));
        client.awaitText("unknown message type '" + type + "'");
    }

    @Test
    void aLengthLongerThanItNeedsToBeIsReportedAndAnOutOfRangeOneFails() {
        // §5.2 asks the sender for the minimal encoding and says nothing of the receiver: reading it or failing are both the RFC's
        RawWebSocket longForm = connect();
        String type = barrierType();
        longForm.send(Frame.text(barrierJson(type)).withLength(Length.SIXTY_FOUR_BIT));
        String answer = longForm.textContaining("unknown message type '" + type + "'", FAIL_WITHIN);
        Ending ending = answer != null ? null : longForm.ending(FAIL_WITHIN);
        report("a short text frame with a 64-bit length", answer != null ? "read as usual" : ending);
        assertTrue(answer != null || ending.droppedWithoutClose() || ending.closeCode() == 1002,
                "neither read nor failed with 1002: " + ending);
        awaitHubForgetsEndedSessions();

        // "the most significant bit MUST be 0": a length of 2^63 and more is no length
        RawWebSocket outOfRange = connect();
        assertUsable(outOfRange);
        outOfRange.sendRaw(concat(bytes(0x81, 0xFF), ByteBuffer.allocate(8).putLong(Long.MIN_VALUE + 5).array(),
                bytes(0, 0, 0, 0), utf8("hello")));
        Ending tooLong = outOfRange.ending(FAIL_WITHIN);
        report("a 64-bit length with the most significant bit set", tooLong);
        if (onWildFly() && tooLong.stillOpen()) {
            // Known container deviation, WildFly (Undertow 2.3): such a frame neither fails the connection nor
            // gets read; the connection stays until a side closes it. Recorded, not asserted: what ends it
            // then (the client, or the hub's keepalive once its pings go unanswered) is a matter of time.
            return;
        }
        assertFalse(tooLong.stillOpen(), "the server waits for 2^63 bytes");
        assertTrue(tooLong.closeCode() != null && (tooLong.closeCode() == 1002 || tooLong.closeCode() == 1009),
                "expected close 1002 (or 1009, too big): " + tooLong);
        awaitHubForgetsEndedSessions();
    }

    /** {@code json} padded with trailing spaces to {@code size} bytes. */
    static String padded(String json, int size) {
        return json + " ".repeat(size - json.length());
    }
}
