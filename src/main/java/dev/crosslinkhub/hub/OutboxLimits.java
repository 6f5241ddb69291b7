package dev.crosslinkhub.hub;

/**
 * Bounds of one session's outbound queue.
 *
 * @param maxMessages  frames held before the oldest is dropped (crosslink: 256)
 * @param maxBytes     characters held before the oldest is dropped
 * @param maxOverflows overflows in a row, without the queue draining empty in between, after
 *                     which the session is evicted; 0 never evicts for overflow
 * @param maxInFlight  sends handed to the container and not yet completed, at most. Where the
 *                     container completes sends on a thread of its own (Undertow), one at a time
 *                     costs two thread hand-offs per message; a small window keeps the socket busy
 *                     while still bounding what a stalled client holds outside the queue
 */
record OutboxLimits(int maxMessages, long maxBytes, int maxOverflows, int maxInFlight) {

    OutboxLimits {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
    }

    /** One send in flight at a time. */
    OutboxLimits(int maxMessages, long maxBytes, int maxOverflows) {
        this(maxMessages, maxBytes, maxOverflows, 1);
    }
}
