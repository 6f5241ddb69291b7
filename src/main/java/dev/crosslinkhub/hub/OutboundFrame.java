package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.relay.EncodedEvent;

/** A message waiting in a session's {@link Outbox}; it gets its {@code seq} only when sent. */
sealed interface OutboundFrame {

    /** No ids: the session does not resume by event id. */
    long NO_IDS = -1;

    /** The message with its seq; with {@code epoch} and the event id for sessions that resume by event id ({@code epoch} not {@link #NO_IDS}). */
    String render(long seq, long epoch);

    int size();

    /** A shared, already serialized event, its server-wide id, and when it was fanned out (System.nanoTime). */
    record Event(EncodedEvent event, long id, long firedNanos) implements OutboundFrame {
        @Override
        public String render(long seq, long epoch) {
            return epoch != NO_IDS
                    ? "{\"seq\":" + seq + ",\"epoch\":" + epoch + ",\"event_id\":" + id + "," + event.tail()
                    : "{\"seq\":" + seq + "," + event.tail();
        }

        @Override
        public int size() {
            return event.size();
        }
    }

    /** {@code {"message":"…","seq":N,"type":"error"}}: the hub refused something the client sent. */
    record Error(String message) implements OutboundFrame {
        @Override
        public String render(long seq, long epoch) {
            return "{\"message\":" + HubJson.PROVIDER.createValue(message) + ",\"seq\":" + seq + ",\"type\":\"error\"}";
        }

        @Override
        public int size() {
            return message.length() + 40;
        }
    }

    /**
     * {@code {"epoch":E,"latest_event_id":L,"oldest_event_id":O,"seq":N,"type":"reset"}}: events
     * after the client's {@code since} are no longer retained, or its ids are of another epoch;
     * re-read state over REST, then carry on live (resuming later with this epoch).
     */
    record Reset(long oldest, long latest) implements OutboundFrame {
        @Override
        public String render(long seq, long epoch) {
            return "{\"epoch\":" + epoch + ",\"latest_event_id\":" + latest + ",\"oldest_event_id\":" + oldest
                    + ",\"seq\":" + seq + ",\"type\":\"reset\"}";
        }

        @Override
        public int size() {
            return 80;
        }
    }

    /** crosslink's lag notice, byte for byte: {@code {"dropped":n,"seq":N,"type":"gap"}}. */
    static String gap(long dropped, long seq) {
        return "{\"dropped\":" + dropped + ",\"seq\":" + seq + ",\"type\":\"gap\"}";
    }
}
