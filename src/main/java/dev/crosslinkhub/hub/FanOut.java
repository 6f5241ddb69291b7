package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.relay.EncodedEvent;
import dev.crosslinkhub.hub.relay.EventRelay;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one order every session sees. The relay delivers each event here once, in id order; the
 * fan-out logs it for resume and offers it to every attached {@link Outbox}. A resuming outbox
 * is answered from the same log, and its switch from replay to live happens under the same lock
 * as the fan-out, so no event falls between the two and none comes twice.
 *
 * <p>A plain class: the hub's {@link Publisher} makes one and hands it to the relay.
 */
final class FanOut implements EventRelay.Delivery, Outbox.ReplaySource {

    /**
     * A {@code since} at or above this (2^53: beyond any id a JSON number holds exactly, which no
     * id reaches) means "from now" (README, "Resume"): never another epoch's id.
     */
    static final long FROM_NOW = 1L << 53;

    /** Replayed events queued at a time, and log entries scanned at a time, per session. */
    static final int REPLAY_BATCH = 64;
    static final int REPLAY_SCAN = 4096;

    /** Guards {@link #log}, changes of {@link #outboxes} and every switch of an outbox between replay and live. */
    private final Object lock = new Object();
    private final EventLog log;
    /**
     * The attached outboxes. Delivery walks a snapshot: an outbox evicted while it is offered an
     * event (it overflowed once too often) detaches on the same thread, inside that walk, and must
     * not break it.
     */
    private final Set<Outbox> outboxes = new CopyOnWriteArraySet<>();
    private final long maxAgeNanos;
    private final Consumer<String> channelSeen;
    /** The relay's epoch: the id space of every id in the log. */
    private volatile long epoch;
    /** No id above this one is of the epoch: a plain {@code since} beyond it is another epoch's. Under {@link #lock}. */
    private long epochIdsUpTo = Long.MAX_VALUE;
    /** Readers waiting in {@link #read} for the next event. Changed under {@link #lock}; read by the metrics without it. */
    private volatile int waiting;

    /**
     * @param logCapacity events kept for resume, at most
     * @param logBytes    and their size in characters, at most
     * @param maxAge      how long they are kept
     * @param channelSeen told the channel of every delivered event (events from other instances
     *                    make their channels known here too)
     */
    FanOut(int logCapacity, long logBytes, Duration maxAge, Consumer<String> channelSeen) {
        this.maxAgeNanos = maxAge.toNanos();
        this.log = new EventLog(logCapacity, logBytes, maxAgeNanos, 0);
        this.channelSeen = channelSeen;
    }

    /** The relay's id space from now on; older ids are reset, never replayed. */
    @Override
    public void epochBegins(long relayEpoch, long idsBefore, long idsUpTo) {
        synchronized (lock) {
            log.lostUpTo(idsBefore);
            epoch = relayEpoch;
            epochIdsUpTo = idsUpTo;
            lock.notifyAll(); // a reader waiting in read() answers reset
        }
    }

    /** This instance's history since a split is void: the log starts afresh and every session re-syncs. */
    @Override
    public void historyReplaced(long relayEpoch, long idsBefore, long idsUpTo, long missed) {
        synchronized (lock) {
            log.startAfresh(idsBefore);
            epoch = relayEpoch;
            epochIdsUpTo = idsUpTo;
            for (Outbox outbox : outboxes) {
                outbox.historyReplaced(relayEpoch, missed, idsBefore + 1, idsBefore);
            }
            lock.notifyAll();
        }
    }

    long epoch() {
        return epoch;
    }

    /** How many readers wait in {@link #read} now. */
    int waiting() {
        return waiting;
    }

    /** From now on the outbox is offered every live event. */
    void attach(Outbox outbox) {
        synchronized (lock) {
            outboxes.add(outbox);
        }
    }

    void detach(Outbox outbox) {
        synchronized (lock) {
            outboxes.remove(outbox);
        }
    }

    /** {@link #subscribe(Outbox, Set, Long, Long)} without an epoch: {@code since} is taken to be of this one. */
    void subscribe(Outbox outbox, Set<String> channels, Long since) {
        subscribe(outbox, channels, since, null);
    }

    /**
     * A client's subscribe: live from the next event with no {@code since}; with one, the outbox
     * replays what came after it, then goes live. A {@code since} of another epoch than the
     * relay's ({@code sinceEpoch}) names no event here: the client is reset at once.
     */
    void subscribe(Outbox outbox, Set<String> channels, Long since, Long sinceEpoch) {
        if (since == null) {
            outbox.subscribe(channels);
            return;
        }
        synchronized (lock) {
            long current = epoch;
            outbox.resume(channels, since, current);
            if (since >= FROM_NOW) {
                // live from the very next event: a refill answered later would skip what came meanwhile
                outbox.replayed(new ReplayStep.CaughtUp(since));
            } else if (sinceEpoch != null && sinceEpoch != current) {
                outbox.replayed(new ReplayStep.Reset(since, log.oldestId(), log.latestId()));
            }
        }
    }

    /**
     * Up to {@code max} events on {@code channels} after {@code since} (null or from-now: after the
     * latest), waiting up to {@code waitNanos} for one when there is none yet; a reset where the log
     * no longer holds what came after {@code since}, or {@code since} is of another epoch. For
     * callers without a socket ({@link EventFeed}). Scans a bounded stretch of the log per hold of
     * the lock, so a waiter on a rare channel never holds up delivery.
     */
    EventFeed.Reading read(Set<String> channels, Long since, Long sinceEpoch, int max, long waitNanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        Long after = since == null || since >= FROM_NOW ? null : since;
        long ofEpoch = epoch;
        while (true) {
            synchronized (lock) {
                if (after == null) {
                    after = log.latestId();
                    ofEpoch = epoch;
                    sinceEpoch = null;
                }
                if ((sinceEpoch != null && sinceEpoch != epoch) || ofEpoch != epoch
                        || log.lostAfter(after) || after > epochIdsUpTo) {
                    return EventFeed.Reading.reset(epoch, log.oldestId(), log.latestId());
                }
                EventLog.Batch batch = log.after(after, channels::contains, max, REPLAY_SCAN);
                if (!batch.entries().isEmpty()) {
                    return EventFeed.Reading.of(epoch, batch.entries(), batch.scannedUpTo());
                }
                after = Math.max(after, batch.scannedUpTo());
                if (after >= log.latestId()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return EventFeed.Reading.of(epoch, List.of(), after);
                    }
                    waiting++;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } finally {
                        waiting--;
                    }
                }
            }
        }
    }

    /** An event from the relay, from this instance or another: logged for resume, and offered live. */
    @Override
    public void deliver(long id, EncodedEvent event, long firedNanos, boolean live) {
        channelSeen.accept(event.channel());
        synchronized (lock) {
            log.append(new EventLog.Entry(id, event, firedNanos));
            if (waiting > 0) {
                lock.notifyAll();
            }
            if (live) {
                for (Outbox outbox : outboxes) {
                    try {
                        outbox.offer(event, id, firedNanos);
                    } catch (RuntimeException e) {
                        outbox.broke(e); // one session's fault ends that session, never the delivery to the others
                    }
                }
            }
        }
    }

    /** The relay lost events before this instance read them: every session is told to re-sync. */
    @Override
    public void missed(long upToId, long count) {
        synchronized (lock) {
            log.lostUpTo(upToId);
            for (Outbox outbox : outboxes) {
                outbox.missed(count);
            }
        }
    }

    /** The replay decision: reset when the log no longer covers the cursor, else the next batch, or live. */
    @Override
    public void refill(Outbox outbox, long after) {
        synchronized (lock) {
            log.trimOlderThan(System.nanoTime() - maxAgeNanos);
            ReplayStep step;
            if (log.lostAfter(after) || after > epochIdsUpTo) {
                step = new ReplayStep.Reset(after, log.oldestId(), log.latestId());
            } else {
                EventLog.Batch batch = log.after(after, outbox::wants, REPLAY_BATCH, REPLAY_SCAN);
                step = batch.entries().isEmpty() && batch.scannedUpTo() == after
                        ? new ReplayStep.CaughtUp(after)
                        : new ReplayStep.Batch(after, batch.entries(), batch.scannedUpTo());
            }
            outbox.replayed(step);
        }
    }
}
