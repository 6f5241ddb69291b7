package dev.crosslinkhub.hub;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the outboxes count as they send: messages, gaps and what they dropped, and the fire-to-send
 * latency histogram. A plain object an outbox holds directly, counted a batch at a time in striped
 * adders: through {@link HubMetrics}' CDI proxy, once per message, on four sender threads sharing
 * one histogram array, counting was an eighth of a sender's time. {@link HubMetrics} writes it out.
 */
final class SendCounts {

    /** Upper bounds, in seconds, of the fire-to-send latency buckets. */
    static final double[] LATENCY_BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    private static final long[] BOUND_NANOS = new long[LATENCY_BOUNDS.length];

    static {
        for (int i = 0; i < LATENCY_BOUNDS.length; i++) {
            BOUND_NANOS[i] = Math.round(LATENCY_BOUNDS[i] * 1e9);
        }
    }

    private final LongAdder messages = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BOUNDS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();

    SendCounts() {
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    /** One send completed at {@code sentNanos}, its messages fanned out at {@code firedNanos} (0: not an event, no latency). */
    void sent(long[] firedNanos, long sentNanos) {
        messages.add(firedNanos.length);
        long timed = 0;
        long nanosSum = 0;
        for (long fired : firedNanos) {
            if (fired != 0) {
                long nanos = Math.max(0, sentNanos - fired);
                int bucket = 0;
                while (bucket < BOUND_NANOS.length && nanos > BOUND_NANOS[bucket]) {
                    bucket++;
                }
                latencyBuckets[bucket].increment();
                timed++;
                nanosSum += nanos;
            }
        }
        if (timed > 0) {
            latencyCount.add(timed);
            latencyNanos.add(nanosSum);
        }
    }

    void gap(long droppedEvents) {
        gaps.increment();
        dropped.add(droppedEvents);
    }

    long messages() {
        return messages.sum();
    }

    long gaps() {
        return gaps.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    long latencyBucket(int index) {
        return latencyBuckets[index].sum();
    }

    long latencyCount() {
        return latencyCount.sum();
    }

    long latencyNanos() {
        return latencyNanos.sum();
    }
}
