package dev.crosslinkhub.hub.relay;

/**
 * A ringbuffer item that is not an event: from the next item on, ids are of a new epoch, counted
 * from {@code base}. The oldest member of a grid writes one when a member is lost (it may have
 * committed events it never published) and when the grid's state no longer knows the epoch.
 * Layout: {@code epoch:<base>}; an event's text starts with a digit, so the two never mix.
 */
record EpochMark(long base) {

    private static final String PREFIX = "epoch:";

    String encode() {
        return PREFIX + base;
    }

    static boolean is(String text) {
        return text.startsWith(PREFIX);
    }

    static EpochMark decode(String text) {
        return new EpochMark(Long.parseLong(text.substring(PREFIX.length())));
    }
}
