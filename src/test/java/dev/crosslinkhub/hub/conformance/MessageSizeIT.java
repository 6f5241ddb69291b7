package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hub's own message limit, {@code hub.inbound.max-frame-bytes} (65,536 characters by default,
 * which the tests' server keeps): a message of exactly the limit is read, in one frame or many,
 * in one-byte or three-byte characters; one character more is an {@code error} ("message too
 * large") on a session that stays subscribed and served.
 */
class MessageSizeIT extends ConformanceCase {

    private static final int LIMIT = 65_536;

    @Test
    void aSubscribeOfExactlyTheLimitIsReadInOneFrameOrInFragments() {
        RawWebSocket client = connect();
        client.send(Frame.text("{\"type\":\"subscribe\",\"channels\":[]}"));
        String subscribe = sized("{\"type\":\"subscribe\",\"channels\":[\"locks\"]", "}", ' ', LIMIT);
        client.send(Frame.text(subscribe));
        String barrier = assertUsable(client);
        assertEquals(List.of(barrier), client.texts(), "both subscribes were read: no error before the barrier's");
        assertReceivesLockEvent(client);

        client.send(Frame.text("{\"type\":\"subscribe\",\"channels\":[]}"));
        byte[] bytes = subscribe.getBytes(StandardCharsets.UTF_8);
        client.send(Frame.of(RawWebSocket.TEXT, Arrays.copyOfRange(bytes, 0, 20_000)).notFinal(),
                Frame.continuation(Arrays.copyOfRange(bytes, 20_000, 40_000)).notFinal(),
                Frame.continuation(Arrays.copyOfRange(bytes, 40_000, bytes.length)));
        String second = assertUsable(client);
        assertEquals(barrier, client.texts().get(0));
        assertEquals(second, client.texts().get(2), "the fragmented subscribe was read: no error before the barrier's");
        assertReceivesLockEvent(client);
    }

    @Test
    void aMessageOfTheLimitInThreeByteCharactersGetsTheUsualAnswer() {
        RawWebSocket client = connect();
        // 65,536 characters, 196,000 bytes and more on the wire: the limit counts characters
        String type = barrierType();
        String message = sized("{\"type\":\"" + type + "-", "\"}", '\u20ac', LIMIT);
        client.send(Frame.text(message));
        client.awaitText("unknown message type '" + type + "-\u20ac\u20ac\u20ac");
        assertUsable(client);
    }

    @Test
    void oneCharacterOverTheLimitGetsMessageTooLargeAndTheSessionStays() {
        RawWebSocket client = connect();
        client.send(Frame.text("{\"type\":\"subscribe\",\"channels\":[\"locks\"]}"));
        String over = sized("{\"type\":\"subscribe\",\"channels\":[]", "}", ' ', LIMIT + 1);
        String tooLarge = "message too large: " + (LIMIT + 1) + " characters, the limit is " + LIMIT;

        client.send(Frame.text(over));
        client.awaitText(tooLarge);
        assertUsable(client);
        assertReceivesLockEvent(client); // still on locks: the refused subscribe changed nothing

        byte[] bytes = over.getBytes(StandardCharsets.UTF_8);
        client.send(Frame.of(RawWebSocket.TEXT, Arrays.copyOfRange(bytes, 0, LIMIT)).notFinal(), Frame.ping(utf8("in between")),
                Frame.continuation(Arrays.copyOfRange(bytes, LIMIT, bytes.length)));
        Await.until("a second " + tooLarge, () -> client.texts().stream().filter(text -> text.contains(tooLarge)).count() == 2);
        assertUsable(client);
        assertReceivesLockEvent(client);
    }

    /** {@code head}, then {@code fill} repeated, then {@code tail}: {@code length} characters in all. */
    private static String sized(String head, String tail, char fill, int length) {
        return head + String.valueOf(fill).repeat(length - head.length() - tail.length()) + tail;
    }
}
