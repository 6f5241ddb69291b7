package dev.crosslinkhub.hub.relay;

/**
 * An event serialized once, shared by every session it goes to.
 *
 * @param channel the event's channel
 * @param tail    the event's JSON object without its opening brace: its keys in byte order,
 *                {@code type} among them, and the closing brace. A session's message is
 *                {@code {"seq":N,} followed by this.
 */
public record EncodedEvent(String channel, String tail) {

    /** Its length in characters, for the outbox's byte bound. */
    public int size() {
        return tail.length();
    }
}
