package dev.crosslinkhub.hub.relay;

/**
 * An event as it travels through the data grid: a plain string, so that no instance needs the
 * application's classes to read it, carrying when its origin committed it (wall clock, for the
 * age limit of the resume log). Layout: {@code <epoch millis>:<channel length>:<channel><tail>}.
 */
record GridMessage(long firedMillis, EncodedEvent event) {

    String encode() {
        String channel = event.channel();
        return firedMillis + ":" + channel.length() + ":" + channel + event.tail();
    }

    static GridMessage decode(String text) {
        int first = text.indexOf(':');
        int second = text.indexOf(':', first + 1);
        if (first < 1 || second < first + 2) {
            throw new IllegalArgumentException("not a hub grid message: " + abbreviate(text));
        }
        long millis = Long.parseLong(text, 0, first, 10);
        int channelLength = Integer.parseInt(text, first + 1, second, 10);
        int channelEnd = second + 1 + channelLength;
        if (channelLength < 1 || channelEnd >= text.length()) {
            throw new IllegalArgumentException("not a hub grid message: " + abbreviate(text));
        }
        return new GridMessage(millis, new EncodedEvent(text.substring(second + 1, channelEnd), text.substring(channelEnd)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
