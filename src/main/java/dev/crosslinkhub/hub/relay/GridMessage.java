package dev.crosslinkhub.hub.relay;

/**
 * An event as it travels through the data grid: a plain string, so that no instance needs the
 * application's classes to read it, carrying when its origin committed it (wall clock, for the
 * age limit of the resume log) and a tag unique in the cluster (its origin and a counter there),
 * by which an instance that merged back after a split finds which of its events the cluster's
 * history lacks. Layout: {@code <epoch millis>:<tag>:<channel length>:<channel><tail>}.
 */
record GridMessage(long firedMillis, String tag, EncodedEvent event) {

    String encode() {
        String channel = event.channel();
        return firedMillis + ":" + tag + ":" + channel.length() + ":" + channel + event.tail();
    }

    static GridMessage decode(String text) {
        int first = text.indexOf(':');
        int second = text.indexOf(':', first + 1);
        int third = second < 0 ? -1 : text.indexOf(':', second + 1);
        if (first < 1 || second < first + 2 || third < second + 2) {
            throw new IllegalArgumentException("not a hub grid message: " + abbreviate(text));
        }
        try {
            long millis = Long.parseLong(text, 0, first, 10);
            int channelLength = Integer.parseInt(text, second + 1, third, 10);
            int channelEnd = third + 1 + channelLength;
            if (channelLength < 1 || channelEnd >= text.length()) {
                throw new IllegalArgumentException("not a hub grid message: " + abbreviate(text));
            }
            return new GridMessage(millis, text.substring(first + 1, second),
                    new EncodedEvent(text.substring(third + 1, channelEnd), text.substring(channelEnd)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hub grid message: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
