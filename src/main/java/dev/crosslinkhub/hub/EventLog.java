package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.relay.EncodedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The recent events, by id, that a client resuming with {@code since} is replayed from. Bounded
 * by count, by size and by age. Not thread-safe: only the {@link FanOut} touches it, under its lock, so
 * appends, replays and the switch from replay to live never interleave.
 */
final class EventLog {

    /** An event as it was fanned out: its id, its shared JSON, and when (System.nanoTime). */
    record Entry(long id, EncodedEvent event, long firedNanos) {
    }

    /** Entries after a cursor: those the session wants, and how far the scan got. */
    record Batch(List<Entry> entries, long scannedUpTo) {
    }

    private final Entry[] ring;
    private final long maxBytes;
    private final long maxAgeNanos;
    private int start;
    private int size;
    private long bytes;
    /** Every event with an id up to this one may be gone: trimmed, or issued before this process started. */
    private long lostUpTo;

    EventLog(int capacity, long maxBytes, long maxAgeNanos, long idsBefore) {
        this.ring = new Entry[Math.max(1, capacity)];
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAgeNanos;
        this.lostUpTo = idsBefore;
    }

    void append(Entry entry) {
        if (size == ring.length) {
            dropOldest();
        }
        ring[(start + size) % ring.length] = entry;
        size++;
        bytes += entry.event().size();
        while (bytes > maxBytes && size > 1) {
            dropOldest();
        }
        trimOlderThan(entry.firedNanos() - maxAgeNanos);
    }

    void trimOlderThan(long nanos) {
        while (size > 0 && ring[start].firedNanos() - nanos < 0) {
            dropOldest();
        }
    }

    private void dropOldest() {
        lostUpTo = Math.max(lostUpTo, ring[start].id());
        bytes -= ring[start].event().size();
        ring[start] = null;
        start = (start + 1) % ring.length;
        size--;
    }

    /**
     * Forgets every entry: they were of a history that is not the cluster's (this instance merged
     * back after a split). Ids up to {@code id} name nothing here any more.
     */
    void startAfresh(long id) {
        java.util.Arrays.fill(ring, null);
        start = 0;
        size = 0;
        bytes = 0;
        lostUpTo = id;
    }

    /** Every event up to {@code id} may be missing here (issued before this log began, or never received). */
    void lostUpTo(long id) {
        lostUpTo = Math.max(lostUpTo, id);
    }

    /** Whether a client that has seen everything up to {@code since} may have missed events no longer here. */
    boolean lostAfter(long since) {
        return since < lostUpTo;
    }

    long oldestId() {
        return size == 0 ? lostUpTo + 1 : ring[start].id();
    }

    long latestId() {
        return size == 0 ? lostUpTo : ring[(start + size - 1) % ring.length].id();
    }

    /** Up to {@code max} wanted entries with ids above {@code after}, scanning at most {@code scanLimit}. */
    Batch after(long after, Predicate<String> wants, int max, int scanLimit) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at(mid).id() <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<Entry> found = new ArrayList<>();
        long scanned = after;
        for (int i = lo; i < size && found.size() < max && i - lo < scanLimit; i++) {
            Entry entry = at(i);
            scanned = entry.id();
            if (wants.test(entry.event().channel())) {
                found.add(entry);
            }
        }
        return new Batch(found, scanned);
    }

    private Entry at(int index) {
        return ring[(start + index) % ring.length];
    }
}
