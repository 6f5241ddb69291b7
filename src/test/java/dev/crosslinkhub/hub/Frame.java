package dev.crosslinkhub.hub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test reads off one message the hub sent: its seq, event id, type and the test's own payload key {@code n}. */
record Frame(long seq, long eventId, String type, long n) {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":(\\d+)");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z_]+)\"");
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

    static Frame of(String text) {
        return new Frame(number(SEQ, text), number(EVENT_ID, text), TYPE.matcher(text).results().reduce((a, b) -> b)
                .map(match -> match.group(1)).orElse(""), number(N, text));
    }

    private static long number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
