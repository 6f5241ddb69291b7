package dev.crosslinkhub.cluster;

import dev.crosslinkhub.support.HubClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A client as a crosslink agent behind a load balancer would be written: it subscribes with
 * {@code since}, remembers the last {@code event_id} it saw, and when its connection drops it
 * connects again (the balancer picks an instance) and resumes after that id; on {@code reset} it
 * counts the reset and goes on from the id it names.
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
    private int resets;

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
            } else if (message.contains("\"type\":\"reset\"")) {
                resets++; // a real client re-reads state over REST here; it goes on from the reset's latest id
                lastEventId = WireFields.number(WireFields.LATEST_EVENT_ID, message);
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

    /** How many times the hub said this client's history was gone ({@code reset}). */
    synchronized int resets() {
        createdIssues(); // looks, connecting again first if need be
        return resets;
    }

    /** How many times this client lost its connection and connected again (looks first). */
    synchronized int reconnects() {
        if (current == null) {
            createdIssues();
        } else {
            poll();
        }
        return reconnects;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
        }
    }
}
