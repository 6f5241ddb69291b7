package dev.crosslinkhub.hub;

/**
 * Bounds of one session's outbound queue.
 *
 * @param maxMessages  frames held before the oldest is dropped (crosslink: 256)
 * @param maxBytes     characters held before the oldest is dropped
 * @param maxOverflows overflows in a row, without the queue draining empty in between, after
 *                     which the session is evicted; 0 never evicts for overflow
 */
record OutboxLimits(int maxMessages, long maxBytes, int maxOverflows) {
}
