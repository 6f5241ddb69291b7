package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text is UTF-8 (RFC 6455 §5.6, §8.1): a text message that is not fails the connection with 1007,
 * wherever the fragments cut it; a character cut by a fragment boundary is still one character.
 */
class Utf8IT extends ConformanceCase {

    private static final byte[] START = utf8("{\"type\":\"bad-");
    private static final byte[] END = utf8("\"}");

    @Test
    void aTextFrameThatIsNotUtf8FailsTheConnectionWith1007() {
        List<Map.Entry<String, byte[]>> cases = List.of(
                Map.entry("an overlong '/' (C0 AF)", bytes(0xC0, 0xAF)),
                Map.entry("a lone continuation byte (80)", bytes(0x80)),
                Map.entry("the byte FF", bytes(0xFF)),
                Map.entry("a UTF-16 surrogate, U+D800 (ED A0 80)", bytes(0xED, 0xA0, 0x80)),
                Map.entry("a code point past U+10FFFF (F4 90 80 80)", bytes(0xF4, 0x90, 0x80, 0x80)),
                Map.entry("a three-byte sequence with a bad second byte (E2 28 A1)", bytes(0xE2, 0x28, 0xA1)));
        cases.forEach(entry -> {
            RawWebSocket client = connect();
            assertUsable(client);
            client.send(Frame.of(RawWebSocket.TEXT, concat(START, entry.getValue(), END)));
            assertFails(client, entry.getKey(), 1007);
            assertFalse(client.texts().stream().anyMatch(text -> text.contains("bad-")), entry.getKey() + " reached the hub");
        });
        RawWebSocket cut = connect();
        cut.send(Frame.of(RawWebSocket.TEXT, concat(START, bytes(0xE2, 0x82))));
        assertFails(cut, "a text frame ending inside a character (E2 82)", 1007);
    }

    @Test
    void aTextMessageThatIsNotUtf8AcrossFragmentsFailsTheConnectionWith1007() {
        List<Map.Entry<String, List<Frame>>> cases = List.of(
                Map.entry("E2 at the end of one fragment, 28 at the start of the next",
                        List.of(textPart(concat(START, bytes(0xE2))), last(concat(bytes(0x28, 0xA1), END)))),
                Map.entry("FF in the middle fragment of three",
                        List.of(textPart(START), more(bytes(0x61, 0xFF, 0x62)), last(END))),
                Map.entry("the last fragment ends inside a character (F0 9F 98)",
                        List.of(textPart(START), last(bytes(0xF0, 0x9F, 0x98)))),
                Map.entry("a surrogate cut across fragments (ED | A0 80)",
                        List.of(textPart(concat(START, bytes(0xED))), last(concat(bytes(0xA0, 0x80), END)))));
        cases.forEach(entry -> {
            RawWebSocket client = connect();
            assertUsable(client);
            client.trySend(entry.getValue().toArray(Frame[]::new));
            assertFails(client, entry.getKey(), 1007);
            assertFalse(client.texts().stream().anyMatch(text -> text.contains("bad-")), entry.getKey() + " reached the hub");
        });
    }

    @Test
    void aCharacterCutByFragmentBoundariesIsOneCharacter() {
        RawWebSocket client = connect();
        String type = barrierType() + "-\u20ac\ud83d\ude00";
        byte[] json = utf8(barrierJson(type));
        int euro = indexOf(json, bytes(0xE2, 0x82, 0xAC));
        int emoji = indexOf(json, bytes(0xF0, 0x9F, 0x98, 0x80));
        // one byte of € per fragment, then the emoji cut after its second byte
        client.send(textPart(Arrays.copyOfRange(json, 0, euro + 1)),
                more(Arrays.copyOfRange(json, euro + 1, euro + 2)),
                more(Arrays.copyOfRange(json, euro + 2, emoji + 2)),
                last(Arrays.copyOfRange(json, emoji + 2, json.length)));
        client.awaitText("unknown message type '" + type + "'");
        assertUsable(client);
    }

    private static Frame textPart(byte[] bytes) {
        return Frame.of(RawWebSocket.TEXT, bytes).notFinal();
    }

    private static Frame more(byte[] bytes) {
        return Frame.continuation(bytes).notFinal();
    }

    private static Frame last(byte[] bytes) {
        return Frame.continuation(bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
