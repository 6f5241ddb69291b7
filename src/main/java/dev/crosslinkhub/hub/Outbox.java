package dev.crosslinkhub.hub;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One session's bounded outbound queue, its {@code seq} counter and its lag accounting.
 *
 * <p>Producers only {@link #offer} (never touching the socket); a sender thread {@link #drain}s
 * it with exactly one send in flight. When the queue overflows, the oldest frames are dropped and
 * counted, and a {@code gap} carrying that count goes out before the next frame.
 *
 * <p>Everything below is guarded by {@code this}, except {@link #channels} (replaced whole,
 * volatile) and the socket, which only the draining thread or Tyrus' completion touches.
 */
final class Outbox {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Outbox.class.getName());

    /** Where a sender thread picks up outboxes that have work. */
    interface Scheduler {
        void schedule(Outbox outbox);
    }

    /** Feeds a resuming session from the event log, a batch at a time, as its queue empties. */
    interface ReplaySource {
        void refill(Outbox outbox);
    }

    private final String id;
    private final RemoteEndpoint.Async remote;
    private final OutboxLimits limits;
    private final Scheduler scheduler;
    private final Consumer<String> evict;
    private final ReplaySource replays;
    private final HubMetrics metrics;

    private volatile Set<String> channels; // null: every channel

    static final int MAX_QUEUED_ERRORS = 32;
    private static final java.nio.ByteBuffer KEEPALIVE = java.nio.ByteBuffer.wrap(new byte[] {'h', 'u', 'b'}).asReadOnlyBuffer();

    private final ArrayDeque<OutboundFrame> queue = new ArrayDeque<>();
    private int queuedErrors;
    private long suppressedErrors;
    private long queuedBytes;
    private long seq;
    private long dropped;
    private long droppedTotal;
    private int overflowsSinceCaughtUp;
    /** In the scheduler's queue, being drained, or with a send in flight. */
    private boolean scheduled;
    /** The draining thread is inside {@code sendText}. */
    private boolean sending;
    private boolean inFlight;
    private long sendStartedNanos;
    /** Keepalive: when the client last sent anything (a message or a pong), and the ping awaiting its pong. */
    private volatile long lastHeardNanos = System.nanoTime();
    private long pingSentNanos;
    private boolean pingPending;
    /** A ping waits to be sent; pings are control frames and never sit in the queue. */
    private boolean pingDue;

    /** When the event in flight was fanned out, for the fire-to-send histogram; 0 for other messages. */
    private long inFlightFiredNanos;
    private boolean closed;
    /** The client resumes by event id: its events carry {@code event_id}. */
    private boolean withIds;
    /** Replaying from the log rather than taking live events; {@link #replayedUpTo} is the cursor. */
    private boolean replaying;
    private long replayedUpTo;

    Outbox(String id, RemoteEndpoint.Async remote, OutboxLimits limits, Scheduler scheduler, Consumer<String> evict,
           ReplaySource replays, HubMetrics metrics) {
        this.metrics = metrics;
        this.id = id;
        this.remote = remote;
        this.limits = limits;
        this.scheduler = scheduler;
        this.evict = evict;
        this.replays = replays;
    }

    String id() {
        return id;
    }

    void subscribe(Set<String> channels) {
        this.channels = Set.copyOf(channels);
    }

    boolean wants(String channel) {
        Set<String> filter = channels;
        return filter == null || filter.contains(channel);
    }

    /**
     * Queues a live event if this session subscribes to its channel. Never blocks on the socket.
     * While the session replays, live events are left to the replay, which reads them from the log.
     */
    void offer(EncodedEvent event, long eventId, long firedNanos) {
        if (wants(event.channel())) {
            synchronized (this) {
                if (replaying) {
                    return;
                }
            }
            enqueue(new OutboundFrame.Event(event, eventId, firedNanos));
        }
    }

    /**
     * From now on the session replays everything after {@code since}, then goes live. Called
     * under the fan-out lock, so no live event slips between the two.
     */
    void resumeAfter(long since) {
        boolean wake;
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.clear();
            queuedBytes = 0;
            queuedErrors = 0;
            dropped = 0;
            withIds = true;
            replaying = true;
            replayedUpTo = since;
            wake = !scheduled;
            scheduled = true;
        }
        if (wake) {
            scheduler.schedule(this);
        }
    }

    synchronized long replayedUpTo() {
        return replayedUpTo;
    }

    /** A batch from the log: queued without the overflow rule, since the queue was empty. Under the fan-out lock. */
    void replay(List<EventLog.Entry> entries, long scannedUpTo) {
        synchronized (this) {
            for (EventLog.Entry entry : entries) {
                OutboundFrame frame = new OutboundFrame.Event(entry.event(), entry.id(), 0);
                queue.addLast(frame);
                queuedBytes += frame.size();
            }
            replayedUpTo = scannedUpTo;
        }
    }

    /** The replay has caught up with the log: live events flow again. Under the fan-out lock. */
    synchronized void goLive() {
        replaying = false;
    }

    /** The client's {@code since} is older than the log keeps: tell it, and carry on live. Under the fan-out lock. */
    synchronized void resetTo(long oldest, long latest) {
        replaying = false;
        OutboundFrame frame = new OutboundFrame.Reset(oldest, latest);
        queue.addLast(frame);
        queuedBytes += frame.size();
    }

    /**
     * Events this instance never received (it fell behind the cluster's relay by more than the
     * grid keeps): the session cannot know which channels they were on, so a {@code gap} with
     * the whole count tells it to re-sync.
     */
    void missed(long count) {
        boolean wake;
        synchronized (this) {
            if (closed) {
                return;
            }
            dropped += count;
            droppedTotal += count;
            wake = !scheduled;
            scheduled = true;
        }
        if (wake) {
            scheduler.schedule(this);
        }
    }

    /**
     * Queues an {@code error} frame, whatever the filter. A client that floods the hub with bad
     * frames must not push its own events out of its queue: beyond {@link #MAX_QUEUED_ERRORS}
     * waiting errors, further ones are only counted, and one error saying how many goes out once
     * the queue has drained.
     */
    void refuse(String message) {
        synchronized (this) {
            if (queuedErrors >= MAX_QUEUED_ERRORS) {
                suppressedErrors++;
                return;
            }
            queuedErrors++;
        }
        enqueue(new OutboundFrame.Error(message));
    }

    private void enqueue(OutboundFrame frame) {
        boolean wake;
        boolean overflowedAgain = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.addLast(frame);
            queuedBytes += frame.size();
            boolean droppedBefore = dropped > 0;
            while (queue.size() > limits.maxMessages() || (queuedBytes > limits.maxBytes() && queue.size() > 1)) {
                queuedBytes -= queue.removeFirst().size();
                dropped++;
                droppedTotal++;
            }
            if (dropped > 0 && !droppedBefore) {
                overflowsSinceCaughtUp++;
                overflowedAgain = limits.maxOverflows() > 0 && overflowsSinceCaughtUp >= limits.maxOverflows();
            }
            wake = !scheduled;
            scheduled = true;
        }
        if (overflowedAgain) {
            evict.accept("slow consumer: overflowed " + limits.maxOverflows() + " times without catching up");
        } else if (wake) {
            scheduler.schedule(this);
        }
    }

    /**
     * Sends queued frames, one in flight at a time. Runs on a sender thread only. A send that
     * completes inside {@code sendText} (Tyrus does that) continues this loop instead of recursing
     * from the completion; one that completes later reschedules this outbox.
     */
    void drain() {
        while (true) {
            String text = null;
            boolean refill = false;
            boolean ping = false;
            synchronized (this) {
                if (closed) {
                    scheduled = false;
                    return;
                }
                inFlightFiredNanos = 0;
                if (pingDue) {
                    pingDue = false;
                    ping = true;
                } else if (dropped > 0) {
                    text = OutboundFrame.gap(dropped, ++seq);
                    metrics.gap(dropped);
                    long lost = dropped;
                    LOG.info(() -> "event=gap session=" + id + " dropped=" + lost);
                    dropped = 0;
                } else {
                    OutboundFrame frame = queue.pollFirst();
                    if (frame == null && suppressedErrors > 0) {
                        frame = new OutboundFrame.Error(suppressedErrors + " more messages were refused and not answered one by one;"
                                + " the hub answers at most " + MAX_QUEUED_ERRORS + " at a time");
                        queuedBytes += frame.size();
                        suppressedErrors = 0;
                    } else if (frame instanceof OutboundFrame.Error) {
                        queuedErrors--;
                    }
                    if (frame == null && !replaying) {
                        scheduled = false;
                        overflowsSinceCaughtUp = 0;
                        return;
                    }
                    if (frame == null) {
                        refill = true;
                    } else {
                        queuedBytes -= frame.size();
                        text = frame.render(++seq, withIds);
                        if (frame instanceof OutboundFrame.Event event) {
                            inFlightFiredNanos = event.firedNanos();
                        }
                    }
                }
                if (!refill && !ping) {
                    sending = true;
                    inFlight = true;
                    sendStartedNanos = System.nanoTime();
                }
            }
            if (refill) {
                replays.refill(this); // takes the fan-out lock, so never while holding this one
                continue;
            }
            if (ping) {
                try {
                    remote.sendPing(KEEPALIVE.duplicate());
                } catch (java.io.IOException | RuntimeException e) {
                    close();
                    evict.accept("ping failed: " + e);
                    return;
                }
                continue;
            }
            try {
                remote.sendText(text, this::completed);
            } catch (RuntimeException e) {
                completed(new SendResult(e));
            }
            synchronized (this) {
                sending = false;
                if (inFlight) {
                    return; // completes later, on another thread: completed() reschedules
                }
            }
        }
    }

    private void completed(SendResult result) {
        boolean resume;
        long firedNanos;
        synchronized (this) {
            inFlight = false;
            resume = !sending && !closed;
            firedNanos = inFlightFiredNanos;
        }
        if (result.isOK()) {
            metrics.sent(firedNanos, System.nanoTime());
        }
        if (!result.isOK()) {
            close();
            evict.accept("send failed: " + result.getException());
            return;
        }
        if (resume) {
            scheduler.schedule(this);
        }
    }

    /** Subscribe messages in the current one-second window, for {@code hub.ws.max-subscribes-per-second}. */
    private long subscribeWindowStart;
    private int subscribesInWindow;

    /** Whether one more subscribe fits this second's allowance. */
    synchronized boolean allowSubscribe(long now, int perSecond) {
        if (now - subscribeWindowStart >= 1_000_000_000L) {
            subscribeWindowStart = now;
            subscribesInWindow = 0;
        }
        return ++subscribesInWindow <= perSecond;
    }

    /** The client said something: a message or a pong. */
    void heard() {
        lastHeardNanos = System.nanoTime();
        synchronized (this) {
            pingPending = false;
        }
    }

    /**
     * Keepalive, called by the watchdog: pings a session quiet for {@code idleNanos}; true when a
     * ping has gone unanswered for {@code timeoutNanos}, so the peer is gone.
     */
    boolean unanswered(long now, long idleNanos, long timeoutNanos) {
        boolean wake = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (pingPending) {
                return now - pingSentNanos > timeoutNanos;
            }
            if (now - lastHeardNanos < idleNanos) {
                return false;
            }
            pingPending = true;
            pingDue = true;
            pingSentNanos = now;
            wake = !scheduled;
            scheduled = true;
        }
        if (wake) {
            scheduler.schedule(this);
        }
        return false;
    }

    /** How long the send in flight has been going, or 0 when none is. */
    synchronized long stalledNanos(long now) {
        return inFlight ? now - sendStartedNanos : 0;
    }

    synchronized int depth() {
        return queue.size();
    }

    synchronized long droppedTotal() {
        return droppedTotal;
    }

    /** Frees the queue; nothing more is sent. */
    synchronized void close() {
        closed = true;
        queue.clear();
        queuedErrors = 0;
        queuedBytes = 0;
    }
}
