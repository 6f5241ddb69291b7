package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.container.FrameWriter;
import dev.crosslinkhub.hub.relay.EncodedEvent;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One session's ordered outbound stream: its bounded queue, its {@code seq}, its lag accounting,
 * and whether it takes live events or replays from the resume log.
 *
 * <p>Producers only {@link #offer} (never touching the socket); a sender thread {@link #drain}s
 * it with at most {@link OutboxLimits#maxInFlight} sends in flight, in order. Where the container
 * takes frames of the hub's own ({@link FrameWriter}), one send carries every message queued, up
 * to {@link #MAX_BATCH_MESSAGES}: one write instead of one per message; elsewhere each message is
 * its own {@code sendText}. When the queue overflows, the oldest frames are dropped and
 * counted, and a {@code gap} carrying that count goes out before the next frame.
 *
 * <p>Everything below is guarded by {@code this}, except {@link #channels} (replaced whole,
 * volatile) and the socket, which only the draining thread or the container's completion touches.
 * The {@link SessionRegistry} owns an outbox's life: it alone {@link #close}s it; the outbox only
 * reports to its {@link Owner} why it should be.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    /** Where a sender thread picks up outboxes that have work. */
    interface Scheduler {
        void schedule(Outbox outbox);
    }

    /** Ends the session: the outbox only reports why; its owner closes it. */
    interface Owner {
        /** The client is slow, or its connection broke: close it with 1013. */
        void evict(String why);

        /** The hub failed while serving the session: close it with 1011 rather than leave it deaf. */
        void fail(Throwable fault);
    }

    /** Answers a replaying outbox, whose queue has run empty, with its next {@link ReplayStep}. */
    interface ReplaySource {
        /** Calls {@link #replayed} once with the step that follows {@code after}. */
        void refill(Outbox outbox, long after);
    }

    /** Whether the session takes live events, replays from the resume log first, or is done. */
    enum Mode { LIVE, REPLAYING, CLOSED }

    static final int MAX_QUEUED_ERRORS = 32;
    /** Messages framed into one write, at most; and about this many characters. */
    static final int MAX_BATCH_MESSAGES = 64;
    static final int MAX_BATCH_CHARS = 32 * 1024;
    private static final ByteBuffer KEEPALIVE = ByteBuffer.wrap(new byte[] {'h', 'u', 'b'}).asReadOnlyBuffer();

    private final String id;
    private final RemoteEndpoint.Async remote;
    /** Null: one {@code sendText} per message. */
    private final FrameWriter frames;
    private final OutboxLimits limits;
    private final Scheduler scheduler;
    private final Owner owner;
    private final ReplaySource replays;
    private final SendCounts counts;

    private volatile Set<String> channels; // null: every channel

    private final ArrayDeque<OutboundFrame> queue = new ArrayDeque<>();
    private Mode mode = Mode.LIVE;
    /** While {@link Mode#REPLAYING}: every event up to this id has been queued or skipped. */
    private long replayedUpTo;
    /** The client resumes by event id: its events carry {@code epoch} and {@code event_id}; {@link OutboundFrame#NO_IDS} otherwise. */
    private long idsEpoch = OutboundFrame.NO_IDS;
    private int queuedErrors;
    private long suppressedErrors;
    private long queuedBytes;
    private long seq;
    private long dropped;
    private long droppedTotal;
    private int overflowsSinceCaughtUp;
    /** A ping waits to be sent; pings are control frames and never sit in the queue. */
    private boolean pingDue;
    /** In the scheduler's queue, being drained, or waiting for a completion to open the window. */
    private boolean scheduled;
    /** The draining thread is inside {@code sendText}. */
    private boolean sending;
    /** The drain stopped with the window full: the next completion hands the outbox back to a sender. */
    private boolean awaitingWindow;
    /** When the container last made progress: the first send after none was in flight, or the last completion. */
    private long progressNanos;
    /**
     * The sends handed to the container and not completed yet, oldest first (they complete in the
     * order sent): when each of a send's messages was fanned out (0 for other messages), for the
     * fire-to-send histogram.
     */
    private final ArrayDeque<long[]> inFlightFired = new ArrayDeque<>();
    /** What {@link #nextMessage} took was fanned out at (0 for other messages). */
    private long nextFired;

    Outbox(String id, RemoteEndpoint.Async remote, OutboxLimits limits, Scheduler scheduler, Owner owner,
           ReplaySource replays, HubMetrics metrics) {
        this(id, remote, null, limits, scheduler, owner, replays, metrics);
    }

    Outbox(String id, RemoteEndpoint.Async remote, FrameWriter frames, OutboxLimits limits, Scheduler scheduler, Owner owner,
           ReplaySource replays, HubMetrics metrics) {
        this.id = id;
        this.remote = remote;
        this.frames = frames;
        this.limits = limits;
        this.scheduler = scheduler;
        this.owner = owner;
        this.replays = replays;
        this.counts = metrics.sendCounts();
    }

    String id() {
        return id;
    }

    /** Replaces the channel filter; live from the next event on. */
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
            enqueue(new OutboundFrame.Event(event, eventId, firedNanos), true);
        }
    }

    /**
     * Replaces the filter and replays everything after {@code since} before going live; events
     * carry ids of {@code epoch} from now on. Called under the fan-out's lock, so no live event
     * slips between the filter and the replay.
     */
    void resume(Set<String> channels, long since, long epoch) {
        synchronized (this) {
            if (mode == Mode.CLOSED) {
                return;
            }
            subscribe(channels);
            queue.clear();
            queuedBytes = 0;
            queuedErrors = 0;
            dropped = 0;
            idsEpoch = epoch;
            mode = Mode.REPLAYING;
            replayedUpTo = since;
        }
        wake();
    }

    /** The fan-out's answer to {@link ReplaySource#refill}. Under the fan-out's lock. */
    synchronized void replayed(ReplayStep step) {
        if (mode != Mode.REPLAYING || step.after() != replayedUpTo) {
            return; // closed, or resumed afresh since this step was asked for: the drain asks again
        }
        if (step instanceof ReplayStep.Batch batch) {
            for (EventLog.Entry entry : batch.entries()) {
                OutboundFrame frame = new OutboundFrame.Event(entry.event(), entry.id(), 0);
                queue.addLast(frame);
                queuedBytes += frame.size();
            }
            replayedUpTo = batch.scannedUpTo();
        } else if (step instanceof ReplayStep.Reset reset) {
            mode = Mode.LIVE;
            OutboundFrame frame = new OutboundFrame.Reset(reset.oldestId(), reset.latestId());
            queue.addLast(frame);
            queuedBytes += frame.size();
        } else {
            mode = Mode.LIVE;
        }
    }

    /**
     * Events this instance never received (it fell behind the cluster's relay by more than the
     * grid keeps): the session cannot know which channels they were on, so a {@code gap} with
     * the whole count tells it to re-sync.
     */
    void missed(long count) {
        synchronized (this) {
            if (mode == Mode.CLOSED) {
                return;
            }
            dropped += count;
            droppedTotal += count;
        }
        wake();
    }

    /**
     * The events this session had were not the cluster's history (its instance merged back after
     * a split brain). A resuming client gets {@code reset}, its ids of {@code epoch} from now on;
     * a crosslink client, which knows no ids, a {@code gap} counting the events it never got.
     * Under the fan-out's lock.
     */
    void historyReplaced(long epoch, long missed, long oldestId, long latestId) {
        synchronized (this) {
            if (mode == Mode.CLOSED) {
                return;
            }
            if (idsEpoch == OutboundFrame.NO_IDS) {
                dropped += missed;
                droppedTotal += missed;
            } else {
                mode = Mode.LIVE;
                idsEpoch = epoch;
                OutboundFrame frame = new OutboundFrame.Reset(oldestId, latestId);
                queue.addLast(frame);
                queuedBytes += frame.size();
            }
        }
        wake();
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
        enqueue(new OutboundFrame.Error(message), false);
    }

    /** The keepalive ping goes out before the next queued frame. */
    void ping() {
        synchronized (this) {
            if (mode == Mode.CLOSED) {
                return;
            }
            pingDue = true;
        }
        wake();
    }

    private void enqueue(OutboundFrame frame, boolean live) {
        boolean overflowedAgain = false;
        synchronized (this) {
            if (mode == Mode.CLOSED || (live && mode == Mode.REPLAYING)) {
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
        }
        if (overflowedAgain) {
            owner.evict("slow consumer: overflowed " + limits.maxOverflows() + " times without catching up");
        } else {
            wake();
        }
    }

    /** Hands this outbox to a sender thread unless it is already with one. */
    private void wake() {
        synchronized (this) {
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        scheduler.schedule(this);
    }

    /** What the draining thread does next. */
    private sealed interface Next {
        record Send(String text) implements Next {
        }

        /** Messages for one write of frames of the hub's own. */
        record SendFrames(List<String> texts) implements Next {
        }

        record Ping() implements Next {
            static final Ping NOW = new Ping();
        }

        record Refill(long after) implements Next {
        }

        /** The window of sends in flight is full. */
        record AwaitWindow() implements Next {
            static final AwaitWindow NOW = new AwaitWindow();
        }

        record Done() implements Next {
            static final Done NOW = new Done();
        }
    }

    /** Handing this outbox a frame failed: its session ends (1011), rather than stay open and miss events. */
    void broke(RuntimeException fault) {
        owner.fail(fault);
    }

    /**
     * Sends queued frames, at most a window of them in flight. Runs on a sender thread only. A send
     * that completes inside {@code sendText} (Tyrus does that) continues this loop instead of
     * recursing from the completion; with the window full, the next completion reschedules this outbox.
     */
    void drain() {
        try {
            sendQueued();
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError fault) {
            owner.fail(fault); // a session whose drain broke must not stay open and deaf
        }
    }

    private void sendQueued() {
        while (true) {
            Next next = take();
            if (next instanceof Next.Done) {
                return;
            }
            if (next instanceof Next.Refill refill) {
                replays.refill(this, refill.after()); // takes the fan-out's lock, so never while holding this one
                continue;
            }
            if (next instanceof Next.Ping) {
                try {
                    remote.sendPing(KEEPALIVE.duplicate());
                } catch (IOException | RuntimeException e) {
                    owner.evict("ping failed: " + e);
                    return;
                }
                continue;
            }
            if (next instanceof Next.AwaitWindow) {
                return; // the next completion reschedules
            }
            try {
                if (next instanceof Next.SendFrames batch) {
                    frames.write(TextFrames.of(batch.texts()))
                            .whenComplete((done, failure) -> completed(failure == null ? new SendResult() : new SendResult(failure)));
                } else {
                    remote.sendText(((Next.Send) next).text(), this::completed);
                }
            } catch (RuntimeException e) {
                completed(new SendResult(e));
            }
            synchronized (this) {
                sending = false;
            }
        }
    }

    /** The next thing to send, under this outbox's lock; {@code Done} clears {@link #scheduled}. */
    private synchronized Next take() {
        if (mode == Mode.CLOSED) {
            scheduled = false;
            return Next.Done.NOW;
        }
        awaitingWindow = false;
        if (pingDue) {
            pingDue = false;
            return Next.Ping.NOW;
        }
        if (inFlightFired.size() >= limits.maxInFlight()) {
            awaitingWindow = true;
            return Next.AwaitWindow.NOW;
        }
        String text = nextMessage();
        if (text == null && mode == Mode.REPLAYING) {
            return new Next.Refill(replayedUpTo);
        }
        if (text == null) {
            scheduled = false;
            overflowsSinceCaughtUp = 0;
            return Next.Done.NOW;
        }
        Next next;
        long[] fired;
        if (frames == null) {
            fired = new long[] {nextFired};
            next = new Next.Send(text);
        } else {
            List<String> texts = new ArrayList<>();
            fired = new long[MAX_BATCH_MESSAGES];
            int chars = 0;
            do {
                fired[texts.size()] = nextFired;
                texts.add(text);
                chars += text.length();
            } while (texts.size() < MAX_BATCH_MESSAGES && chars < MAX_BATCH_CHARS && (text = nextMessage()) != null);
            fired = Arrays.copyOf(fired, texts.size());
            next = new Next.SendFrames(texts);
        }
        sending = true;
        if (inFlightFired.isEmpty()) {
            progressNanos = System.nanoTime();
        }
        inFlightFired.addLast(fired);
        return next;
    }

    /**
     * The next message with its seq: a {@code gap} owed, else the oldest queued frame, else the
     * note on errors left unanswered; null when there is none. Sets {@link #nextFired}.
     */
    private String nextMessage() {
        nextFired = 0;
        if (dropped > 0) {
            String gap = OutboundFrame.gap(dropped, ++seq);
            counts.gap(dropped);
            long lost = dropped;
            LOG.info(() -> "event=gap session=" + id + " dropped=" + lost);
            dropped = 0;
            return gap;
        }
        OutboundFrame frame = queue.pollFirst();
        if (frame == null && suppressedErrors > 0) {
            frame = new OutboundFrame.Error(suppressedErrors + " more messages were refused and not answered one by one;"
                    + " the hub answers at most " + MAX_QUEUED_ERRORS + " at a time");
            queuedBytes += frame.size();
            suppressedErrors = 0;
        } else if (frame instanceof OutboundFrame.Error) {
            queuedErrors--;
        }
        if (frame == null) {
            return null;
        }
        queuedBytes -= frame.size();
        if (frame instanceof OutboundFrame.Event event) {
            nextFired = event.firedNanos();
        }
        return frame.render(++seq, idsEpoch);
    }

    private void completed(SendResult result) {
        boolean resume;
        long[] fired;
        synchronized (this) {
            fired = inFlightFired.pollFirst(); // null when a container completes a send twice, which must not break the count
            progressNanos = System.nanoTime();
            resume = awaitingWindow && !sending && mode != Mode.CLOSED;
            if (resume) {
                awaitingWindow = false;
            }
        }
        if (!result.isOK()) {
            owner.evict("send failed: " + result.getException());
            return;
        }
        counts.sent(fired == null ? new long[1] : fired, System.nanoTime());
        if (resume) {
            scheduler.schedule(this);
        }
    }

    /** How long sends have been in flight without one completing, or 0 when none is. */
    synchronized long stalledNanos(long now) {
        return inFlightFired.isEmpty() ? 0 : now - progressNanos;
    }

    synchronized int depth() {
        return queue.size();
    }

    synchronized long droppedTotal() {
        return droppedTotal;
    }

    synchronized Mode mode() {
        return mode;
    }

    /** Frees the queue; nothing more is sent. Only the {@link SessionRegistry} calls this. */
    synchronized void close() {
        mode = Mode.CLOSED;
        queue.clear();
        queuedErrors = 0;
        queuedBytes = 0;
    }
}
