package dev.crosslinkhub.cluster;

import dev.crosslinkhub.support.HubClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A client as a crosslink agent behind a load balancer would be written: it subscribes with
 * {@code since}, remembers the last {@code event_id} it saw, and when its connection drops it
 * connects again (the balancer picks an instance) and resumes after that id.
 */
final class ResumingClient implements AutoCloseable {

    private final URI uri;
    private final String channel;
    /** Every event message, over all connections, in arrival order. */
    private final List<String> events = new ArrayList<>();
    private HubClient current;
    private int consumed;
    private long lastEventId;
    private int reconnects;

    ResumingClient(URI uri, String channel) {
        this.uri = uri;
        this.channel = channel;
        connect();
    }

    private void connect() {
        current = HubClient.connect(uri);
        consumed = 0;
        current.send("{\"type\":\"subscribe\",\"channels\":[\"" + channel + "\"],\"since\":" + lastEventId + "}");
    }

    /** Takes in what arrived; reconnects once the connection is gone. */
    private synchronized void poll() {
        List<String> messages = current.messages();
        for (String message : messages.subList(consumed, messages.size())) {
            if (message.contains("\"event_id\"")) {
                events.add(message);
                lastEventId = WireFields.number(WireFields.EVENT_ID, message);
            }
        }
        consumed = messages.size();
        if (current.isClosed()) {
            current.abort();
            reconnects++;
            try {
                connect();
            } catch (AssertionError refused) {
                current = null; // the balancer has no instance for us yet; the next poll tries again
            }
        }
    }

    synchronized List<Long> createdIssues() {
        if (current == null) {
            try {
                connect();
            } catch (AssertionError refused) {
                return List.of();
            }
        }
        poll();
        return WireFields.createdIssues(events);
    }

    synchronized List<Long> eventIds() {
        return WireFields.eventIds(events);
    }

    synchronized int reconnects() {
        return reconnects;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
        }
    }
}
