package dev.crosslinkhub.hub;

import jakarta.json.Json;

/** A message waiting in a session's {@link Outbox}; it gets its {@code seq} only when sent. */
sealed interface OutboundFrame {

    String render(long seq);

    int size();

    /** A shared, already serialized event. */
    record Event(EncodedEvent event) implements OutboundFrame {
        @Override
        public String render(long seq) {
            return "{\"seq\":" + seq + "," + event.tail();
        }

        @Override
        public int size() {
            return event.size();
        }
    }

    /** {@code {"message":"…","seq":N,"type":"error"}}: the hub refused something the client sent. */
    record Error(String message) implements OutboundFrame {
        @Override
        public String render(long seq) {
            return "{\"message\":" + Json.createValue(message) + ",\"seq\":" + seq + ",\"type\":\"error\"}";
        }

        @Override
        public int size() {
            return message.length() + 40;
        }
    }

    /** crosslink's lag notice, byte for byte: {@code {"dropped":n,"seq":N,"type":"gap"}}. */
    static String gap(long dropped, long seq) {
        return "{\"dropped\":" + dropped + ",\"seq\":" + seq + ",\"type\":\"gap\"}";
    }
}
