package dev.crosslinkhub.bench;

/**
 * Latencies in microseconds, log-linear buckets: exact below 128 µs, then 64 buckets per power
 * of two (under 1.6 % error). Not thread-safe: one per writer, {@link #add merged} afterwards.
 */
final class LatencyHistogram {

    private static final int EXACT = 128;
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    /** Up to 2^40 µs (12 days): anything above is clamped. */
    private static final int MAX_MSB = 40;
    private static final int BUCKETS = EXACT + (MAX_MSB - 7 + 1) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max = Long.MIN_VALUE;
    private long min = Long.MAX_VALUE;
    private long sum;
    /** Latencies below zero (clock skew): recorded as 0 and counted here. */
    private long negative;

    void record(long micros) {
        if (micros < 0) {
            negative++;
            micros = 0;
        }
        counts[index(micros)]++;
        count++;
        sum += micros;
        max = Math.max(max, micros);
        min = Math.min(min, micros);
    }

    void add(LatencyHistogram other) {
        if (other == null || other.count == 0) {
            return;
        }
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        negative += other.negative;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    long count() {
        return count;
    }

    long negative() {
        return negative;
    }

    long maxMicros() {
        return count == 0 ? 0 : max;
    }

    double meanMicros() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** The value at percentile {@code p} (0..100), the middle of its bucket, never above the maximum. */
    long percentileMicros(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, middle(i)));
            }
        }
        return max;
    }

    private static int index(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        if (msb > MAX_MSB) {
            return BUCKETS - 1;
        }
        int shift = msb - SUB_BITS;
        int sub = (int) (v >>> shift) - SUB; // 0..63
        return EXACT + (msb - 7) * SUB + sub;
    }

    private static long middle(int index) {
        if (index < EXACT) {
            return index;
        }
        int msb = (index - EXACT) / SUB + 7;
        int sub = (index - EXACT) % SUB;
        int shift = msb - SUB_BITS;
        long low = (long) (SUB + sub) << shift;
        return low + ((1L << shift) >>> 1);
    }
}
