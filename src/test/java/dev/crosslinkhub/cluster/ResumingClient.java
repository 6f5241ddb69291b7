package dev.crosslinkhub.cluster;

import dev.crosslinkhub.support.HubClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client as a crosslink agent behind a load balancer would be written: it subscribes with
 * {@code since}, remembers the last {@code event_id} it saw, and when its connection drops it
 * connects again (the balancer picks an instance) and resumes after that id.
 */
final class ResumingClient implements AutoCloseable {

    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":(\\d+)");
    private static final Pattern ISSUE_ID = Pattern.compile("\"issue_id\":(\\d+)");

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
            Matcher id = EVENT_ID.matcher(message);
            if (id.find()) {
                events.add(message);
                lastEventId = Long.parseLong(id.group(1));
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
        List<Long> ids = new ArrayList<>();
        for (String event : events) {
            if (event.contains("\"field\":\"created\"")) {
                Matcher issue = ISSUE_ID.matcher(event);
                if (issue.find()) {
                    ids.add(Long.parseLong(issue.group(1)));
                }
            }
        }
        return ids;
    }

    synchronized List<Long> eventIds() {
        List<Long> ids = new ArrayList<>();
        for (String event : events) {
            Matcher id = EVENT_ID.matcher(event);
            id.find();
            ids.add(Long.parseLong(id.group(1)));
        }
        return ids;
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
