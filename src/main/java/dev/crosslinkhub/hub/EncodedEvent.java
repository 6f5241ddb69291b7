package dev.crosslinkhub.hub;

/**
 * An event serialized once, shared by every session it goes to.
 *
 * @param channel the event's channel
 * @param tail    the event's JSON object without its opening brace: its keys in byte order,
 *                {@code type} among them, and the closing brace. A session's message is
 *                {@code {"seq":N,} followed by this.
 */
record EncodedEvent(String channel, String tail) {

    int size() {
        return tail.length();
    }
}
