package dev.crosslinkhub.bench;

import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One {@code /ws} connection of the load tool, a {@link ListeningClient} that checks every event
 * as it arrives: events in firing order (accounting for gaps), exact content; it records
 * fire-to-receipt latency and completes {@link #done} once every event is accounted for
 * (received or reported dropped), or the connection ended.
 *
 * <p>In a cluster, heartbeats come from every instance at once ({@link Origins}): each origin's
 * must arrive once and in its own order, whichever instance this client is connected to.
 */
final class BenchClient extends ListeningClient {

    /** What events this client must receive. */
    enum Expect {
        /** {@code heartbeat} from {@code /bench/fire}: per origin, active_issue_id 1..E in order, server timestamp. */
        HEARTBEAT,
        /** {@code lock_changed} from {@code /locks/notify}: issue_id 1..E, sender {@code (id-1) % senders}. */
        LOCK,
        /** Idle: nothing at all. */
        NOTHING
    }

    /** The instance (from 0) this client connects to: origin {@code instance} is local to it. */
    final int instance;
    final boolean slow;
    private final Expect expect;
    private final Origins origins;
    private final String agentId;
    private final long events;
    private final AtomicLongArray sendTimes;
    private final int senders;

    private volatile boolean paused;
    private final AtomicBoolean owedRequest = new AtomicBoolean();

    // --- guarded by this ---
    private long received;
    private long pendingDropped;
    private final long[] lastIdByOrigin;
    private final boolean[] relaxedByOrigin;
    private long[] lastIdBySender;
    private boolean[] relaxedBySender;
    private BitSet seen;
    private long orderHash = 17;
    private LatencyHistogram latency;
    /** With several origins: the latency of events fired on this client's instance, and of those fired on the others. */
    private LatencyHistogram localLatency;
    private LatencyHistogram otherLatency;

    BenchClient(int index, int instance, boolean slow, Expect expect, Origins origins, boolean barrier,
                AtomicLongArray sendTimes, int senders) {
        super(index, barrier);
        this.instance = instance;
        this.slow = slow;
        this.expect = expect;
        this.origins = origins;
        this.agentId = origins.agentId();
        this.events = origins.total();
        this.lastIdByOrigin = new long[origins.count()];
        this.relaxedByOrigin = new boolean[origins.count()];
        this.sendTimes = sendTimes;
        this.senders = Math.max(1, senders);
        this.paused = slow;
        if (expect == Expect.LOCK) {
            lastIdBySender = new long[this.senders];
            relaxedBySender = new boolean[this.senders];
            seen = new BitSet((int) Math.min(Integer.MAX_VALUE, events + 1));
        }
        if (events == 0) {
            done.complete(null);
        }
    }

    @Override
    long now() {
        return Clock.wallNanos();
    }

    @Override
    String who() {
        return "client #" + index + (origins.count() > 1 ? " on instance " + (instance + 1) : "") + (slow ? " (slow)" : "");
    }

    @Override
    boolean complete() {
        return events > 0 && received + dropped() >= events;
    }

    // ---------------------------------------------------------------- reading control

    /** A reading client takes everything; a slow one asks one message at a time so it can stop. */
    @Override
    long initialDemand() {
        return slow ? 1 : Long.MAX_VALUE;
    }

    @Override
    void askNext(WebSocket webSocket) {
        if (!slow) {
            return;
        }
        if (paused) {
            owedRequest.set(true);
            // resume() may have run between the check and the set: whoever clears the flag asks
            if (!paused && owedRequest.compareAndSet(true, false)) {
                webSocket.request(1);
            }
        } else {
            webSocket.request(1);
        }
    }

    /** A slow client reads again (it never paused a request it had not been asked for). */
    void resume() {
        paused = false;
        WebSocket webSocket = socket();
        if (webSocket != null && owedRequest.compareAndSet(true, false)) {
            webSocket.request(1);
        }
    }

    @Override
    void beforeClose() {
        paused = false;
    }

    // ---------------------------------------------------------------- checking

    @Override
    void onEvent(WireCursor in, String text, long now) throws WireCursor.WireFormatException {
        switch (expect) {
            case HEARTBEAT -> onHeartbeat(in, now);
            case LOCK -> onLock(in, now);
            case NOTHING -> fail("an idle client got " + WireCursor.abbreviate(text));
        }
    }

    private void onHeartbeat(WireCursor in, long now) throws WireCursor.WireFormatException {
        in.expect(",\"active_issue_id\":");
        long id = in.number();
        in.expect(",\"agent_id\":\"");
        in.expect(agentId);
        int origin = origins.count() == 1 ? 0 : origin(in);
        in.expect("\",\"timestamp\":\"");
        long firedAt = in.instantNanos();
        in.expect("\",\"type\":\"heartbeat\"}");
        in.end();
        long last = lastIdByOrigin[origin];
        if (origins.count() == 1) {
            long due = last + 1 + pendingDropped;
            if (id != due) {
                fail("order: active_issue_id " + id + " after " + last
                        + (pendingDropped > 0 ? " and a gap of " + pendingDropped : "") + ", " + due + " was due");
            }
        } else if (relaxedByOrigin[origin]) {
            // a gap notice does not say whose events it dropped: after one, each origin only has to move on
            if (id <= last) {
                fail("order: active_issue_id " + id + " of instance " + (origin + 1) + " after " + last + " (across a gap)");
            }
            relaxedByOrigin[origin] = false;
        } else if (id != last + 1) {
            fail("order: active_issue_id " + id + " of instance " + (origin + 1) + " after " + last + ", " + (last + 1) + " was due");
        }
        int originEvents = origins.events()[origin];
        if (id < 1 || id > originEvents) {
            fail("active_issue_id " + id + (origins.count() == 1 ? "" : " of instance " + (origin + 1)) + " outside 1.." + originEvents);
        }
        lastIdByOrigin[origin] = id;
        pendingDropped = 0;
        received++;
        checkAccounted();
        long micros = (now - firedAt) / 1000;
        latency().record(micros);
        if (origins.count() > 1) {
            // every client sees one order of all events, the same for all: compared between clients afterwards
            orderHash = orderHash * 1_000_003L + id * origins.count() + origin;
            if (origin == instance) {
                localLatency = record(localLatency, micros);
            } else {
                otherLatency = record(otherLatency, micros);
            }
        }
    }

    /** The origin of a cluster heartbeat: the {@code -k} after the run's agent_id, k counting instances from 1. */
    private int origin(WireCursor in) throws WireCursor.WireFormatException {
        in.expect("-");
        long k = in.number();
        if (k < 1 || k > origins.count()) {
            throw new WireCursor.WireFormatException("agent_id " + agentId + "-" + k + " names no instance of " + origins.count());
        }
        return (int) k - 1;
    }

    private static LatencyHistogram record(LatencyHistogram histogram, long micros) {
        LatencyHistogram h = histogram == null ? new LatencyHistogram() : histogram;
        h.record(micros);
        return h;
    }

    private void onLock(WireCursor in, long now) throws WireCursor.WireFormatException {
        in.expect(",\"action\":\"claimed\",\"agent_id\":\"");
        in.expect(agentId);
        in.expect("\",\"issue_id\":");
        long id = in.number();
        in.expect(",\"type\":\"lock_changed\"}");
        in.end();
        received++;
        pendingDropped = 0;
        if (id < 1 || id > events) {
            fail("issue_id " + id + " outside 1.." + events);
            return;
        }
        if (seen.get((int) id)) {
            fail("issue_id " + id + " received twice");
            return;
        }
        seen.set((int) id);
        // each sender posts its ids in increasing order, one request after the other: every
        // client must see them in that order (strictly +senders, unless a gap intervened)
        int sender = (int) ((id - 1) % senders);
        long previous = lastIdBySender[sender];
        if (relaxedBySender[sender]) {
            if (id <= previous) {
                fail("order: issue_id " + id + " after " + previous + " of the same sender (across a gap)");
            }
            relaxedBySender[sender] = false;
        } else {
            long due = previous == 0 ? sender + 1 : previous + senders;
            if (id != due) {
                fail("order: issue_id " + id + " after " + previous + " of the same sender, " + due + " was due");
            }
        }
        lastIdBySender[sender] = id;
        orderHash = orderHash * 1_000_003L + id;
        checkAccounted();
        long sentAt = sendTimes.get((int) id);
        if (sentAt > 0) {
            latency().record((now - sentAt) / 1000);
        }
    }

    @Override
    void afterGap(long n) {
        pendingDropped += n;
        if (relaxedBySender != null) {
            Arrays.fill(relaxedBySender, true);
        }
        Arrays.fill(relaxedByOrigin, true);
        checkAccounted();
    }

    /** Received and dropped together never exceed the events fired. */
    private void checkAccounted() {
        if (received + dropped() > events) {
            fail("more than " + events + " events accounted: received " + received + ", dropped " + dropped());
        }
    }

    private LatencyHistogram latency() {
        if (latency == null) {
            latency = new LatencyHistogram();
        }
        return latency;
    }

    // ---------------------------------------------------------------- results

    /** What this client saw, as of now. */
    synchronized Result snapshot() {
        return new Result(index, instance, slow, account(), received, latency, localLatency, otherLatency, orderHash);
    }

    /** {@code localLatency} and {@code otherLatency} are null unless events came from several instances. */
    record Result(int index, int instance, boolean slow, Account account, long received,
                  LatencyHistogram latency, LatencyHistogram localLatency, LatencyHistogram otherLatency, long orderHash) {
    }
}
