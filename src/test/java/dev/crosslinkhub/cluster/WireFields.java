package dev.crosslinkhub.cluster;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numbers the cluster tests read off the hub's messages. */
final class WireFields {

    static final Pattern ISSUE_ID = Pattern.compile("\"issue_id\":(\\d+)");
    static final Pattern EVENT_ID = Pattern.compile("\"event_id\":(\\d+)");
    static final Pattern LATEST_EVENT_ID = Pattern.compile("\"latest_event_id\":(\\d+)");
    static final Pattern EPOCH = Pattern.compile("\"epoch\":(\\d+)");

    private WireFields() {
    }

    /** The number {@code pattern} finds in {@code message}; fails when there is none. */
    static long number(Pattern pattern, String message) {
        Matcher matcher = pattern.matcher(message);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in " + message);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The issue ids of the {@code created} events among {@code messages}, in their order. */
    static List<Long> createdIssues(List<String> messages) {
        return messages.stream().filter(m -> m.contains("\"field\":\"created\"")).map(m -> number(ISSUE_ID, m)).toList();
    }

    /** The {@code event_id}s of {@code messages}, each of which must carry one. */
    static List<Long> eventIds(List<String> messages) {
        return messages.stream().map(m -> number(EVENT_ID, m)).toList();
    }
}
