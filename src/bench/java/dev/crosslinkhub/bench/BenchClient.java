package dev.crosslinkhub.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One {@code /ws} connection of the load tool. It checks every message as it arrives: {@code seq}
 * contiguous from 1, events in firing order (accounting for gaps), exact content; it records
 * fire-to-receipt latency and completes {@link #done} once every event is accounted for
 * (received or reported dropped), or the connection ended.
 *
 * <p>In a cluster, heartbeats come from every instance at once ({@link Origins}): each origin's
 * must arrive once and in its own order, whichever instance this client is connected to.
 *
 * <p>The JDK calls a listener's methods one at a time; they run under {@code this} so that the
 * controlling thread can take a consistent {@link #snapshot}.
 */
final class BenchClient implements FleetClient {

    /** What events this client must receive. */
    enum Expect {
        /** {@code heartbeat} from {@code /bench/fire}: per origin, active_issue_id 1..E in order, server timestamp. */
        HEARTBEAT,
        /** {@code lock_changed} from {@code /locks/notify}: issue_id 1..E, sender {@code (id-1) % senders}. */
        LOCK,
        /** Idle: nothing at all. */
        NOTHING
    }

    /** The barrier message: the hub refuses it with an {@code error} frame, after applying the subscribe sent before it. */
    static final String BARRIER = "{\"type\":\"bench-barrier\"}";

    private static final int MAX_NOTES = 3;

    final int index;
    /** The instance (from 0) this client connects to: origin {@code instance} is local to it. */
    final int instance;
    final boolean slow;
    private final Expect expect;
    private final Origins origins;
    private final String agentId;
    private final long events;
    private final boolean barrier;
    private final AtomicLongArray sendTimes;
    private final int senders;

    final CompletableFuture<Void> done = new CompletableFuture<>();
    final CompletableFuture<Void> barrierPassed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile WebSocket socket;
    private volatile boolean paused;
    private final AtomicBoolean owedRequest = new AtomicBoolean();
    private volatile boolean closing;

    private final WireCursor cursor = new WireCursor();
    private StringBuilder partial;

    // --- guarded by this ---
    private long nextSeq = 1;
    private long messages;
    private long received;
    private long gaps;
    private long dropped;
    private long pendingDropped;
    private final long[] lastIdByOrigin;
    private final boolean[] relaxedByOrigin;
    private long[] lastIdBySender;
    private boolean[] relaxedBySender;
    private BitSet seen;
    private long orderHash = 17;
    private long failures;
    private final List<String> notes = new ArrayList<>();
    private long firstReceiptNanos;
    private long lastReceiptNanos;
    private long completedNanos;
    private LatencyHistogram latency;
    /** With several origins: the latency of events fired on this client's instance, and of those fired on the others. */
    private LatencyHistogram localLatency;
    private LatencyHistogram otherLatency;
    private int closeCode = -1;
    private String closeReason;
    private boolean closedByUs;
    private Throwable error;

    BenchClient(int index, int instance, boolean slow, Expect expect, Origins origins, boolean barrier,
                AtomicLongArray sendTimes, int senders) {
        this.index = index;
        this.instance = instance;
        this.slow = slow;
        this.expect = expect;
        this.origins = origins;
        this.agentId = origins.agentId();
        this.events = origins.total();
        this.lastIdByOrigin = new long[origins.count()];
        this.relaxedByOrigin = new boolean[origins.count()];
        this.barrier = barrier;
        this.sendTimes = sendTimes;
        this.senders = Math.max(1, senders);
        this.paused = slow;
        if (expect == Expect.LOCK) {
            lastIdBySender = new long[this.senders];
            relaxedBySender = new boolean[this.senders];
            seen = new BitSet((int) Math.min(Integer.MAX_VALUE, events + 1));
        }
        if (!barrier) {
            barrierPassed.complete(null);
        }
        if (events == 0) {
            done.complete(null);
        }
    }

    @Override
    public WebSocket socket() {
        return socket;
    }

    @Override
    public CompletableFuture<Void> barrierPassed() {
        return barrierPassed;
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void attach(WebSocket webSocket) {
        if (socket == null) {
            socket = webSocket;
        }
    }

    // ---------------------------------------------------------------- WebSocket.Listener

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        // a reading client takes everything; a slow one asks one message at a time so it can stop
        webSocket.request(slow ? 1 : Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = Clock.wallNanos();
        String text;
        if (partial != null || !last) {
            if (partial == null) {
                partial = new StringBuilder(256);
            }
            partial.append(data);
            if (!last) {
                askNext(webSocket);
                return null;
            }
            text = partial.toString();
            partial = null;
        } else {
            text = data.toString();
        }
        synchronized (this) {
            handle(text, now);
        }
        askNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        synchronized (this) {
            messages++;
            fail("unexpected binary message of " + data.remaining() + " bytes");
        }
        askNext(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closeCode = statusCode;
            closeReason = reason;
            closedByUs = closing;
        }
        finish();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable failure) {
        synchronized (this) {
            error = failure;
        }
        finish();
    }

    private void finish() {
        done.complete(null);
        barrierPassed.complete(null);
        closed.complete(null);
    }

    // ---------------------------------------------------------------- reading control

    private void askNext(WebSocket webSocket) {
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
        WebSocket webSocket = socket;
        if (webSocket != null && owedRequest.compareAndSet(true, false)) {
            webSocket.request(1);
        }
    }

    /** Starts the closing handshake; {@link #closed} completes when the server's close arrives. */
    @Override
    public void close() {
        WebSocket webSocket = socket;
        if (webSocket == null) {
            closed.complete(null);
            return;
        }
        closing = true;
        paused = false;
        webSocket.request(Long.MAX_VALUE); // the server's Close frame is delivered only against demand
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done")
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        webSocket.abort();
                        closed.complete(null);
                    }
                });
    }

    @Override
    public void abort() {
        WebSocket webSocket = socket;
        if (webSocket != null) {
            webSocket.abort();
        }
        closed.complete(null);
    }

    // ---------------------------------------------------------------- checking

    private void handle(String text, long now) {
        messages++;
        if (firstReceiptNanos == 0) {
            firstReceiptNanos = now;
        }
        lastReceiptNanos = now;
        try {
            if (text.startsWith("{\"seq\":")) {
                onEvent(text, now);
            } else if (text.startsWith("{\"dropped\":")) {
                onGap(text);
            } else if (text.startsWith("{\"message\":")) {
                onErrorFrame(text);
            } else {
                nextSeq++;
                fail("unrecognised message " + WireCursor.abbreviate(text));
            }
        } catch (WireCursor.WireFormatException e) {
            fail("content: " + e.getMessage());
        }
        if (received + dropped >= events && events > 0 && !done.isDone()) {
            completedNanos = now;
            done.complete(null);
        }
    }

    private void checkSeq(long seq) {
        if (seq != nextSeq) {
            fail("seq " + seq + " where " + nextSeq + " was due");
        }
        nextSeq = seq + 1;
    }

    private void onEvent(String text, long now) throws WireCursor.WireFormatException {
        WireCursor in = cursor.reset(text);
        in.expect("{\"seq\":");
        long seq = in.number();
        checkSeq(seq);
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
        if (received + dropped > events) {
            fail("more than " + events + " events accounted: received " + received + ", dropped " + dropped);
        }
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
        if (received + dropped > events) {
            fail("more than " + events + " events accounted: received " + received + ", dropped " + dropped);
        }
        long sentAt = sendTimes.get((int) id);
        if (sentAt > 0) {
            latency().record((now - sentAt) / 1000);
        }
    }

    private void onGap(String text) throws WireCursor.WireFormatException {
        WireCursor in = cursor.reset(text);
        in.expect("{\"dropped\":");
        long n = in.number();
        in.expect(",\"seq\":");
        long seq = in.number();
        checkSeq(seq);
        in.expect(",\"type\":\"gap\"}");
        in.end();
        if (n < 1) {
            fail("gap of " + n);
        }
        gaps++;
        dropped += n;
        pendingDropped += n;
        if (relaxedBySender != null) {
            java.util.Arrays.fill(relaxedBySender, true);
        }
        java.util.Arrays.fill(relaxedByOrigin, true);
        if (received + dropped > events) {
            fail("more than " + events + " events accounted: received " + received + ", dropped " + dropped);
        }
    }

    private void onErrorFrame(String text) throws WireCursor.WireFormatException {
        int at = text.lastIndexOf("\",\"seq\":");
        if (at < 0) {
            nextSeq++;
            throw new WireCursor.WireFormatException("error frame without seq: " + WireCursor.abbreviate(text));
        }
        WireCursor in = cursor.reset(text.substring(at));
        in.expect("\",\"seq\":");
        long seq = in.number();
        checkSeq(seq);
        in.expect(",\"type\":\"error\"}");
        in.end();
        if (barrier && messages == 1 && text.contains("bench-barrier")) {
            barrierPassed.complete(null);
        } else {
            fail("unexpected error frame " + WireCursor.abbreviate(text));
        }
    }

    private LatencyHistogram latency() {
        if (latency == null) {
            latency = new LatencyHistogram();
        }
        return latency;
    }

    private void fail(String what) {
        failures++;
        if (notes.size() < MAX_NOTES) {
            notes.add("client #" + index + (origins.count() > 1 ? " on instance " + (instance + 1) : "") + (slow ? " (slow)" : "") + ": " + what);
        }
    }

    // ---------------------------------------------------------------- results

    /** What this client saw, as of now. */
    synchronized Result snapshot() {
        return new Result(index, instance, slow, messages, received, gaps, dropped, failures, List.copyOf(notes),
                firstReceiptNanos, lastReceiptNanos, completedNanos, latency, localLatency, otherLatency, orderHash,
                closeCode, closeReason, closedByUs, error);
    }

    /** {@code localLatency} and {@code otherLatency} are null unless events came from several instances. */
    record Result(int index, int instance, boolean slow, long messages, long received, long gaps, long dropped, long failures,
                  List<String> notes, long firstReceiptNanos, long lastReceiptNanos, long completedNanos,
                  LatencyHistogram latency, LatencyHistogram localLatency, LatencyHistogram otherLatency,
                  long orderHash, int closeCode, String closeReason,
                  boolean closedByUs, Throwable error) {

        boolean endedByServer() {
            return (closeCode >= 0 && !closedByUs) || error != null;
        }

        boolean evicted() {
            return closeCode == 1013 && !closedByUs;
        }

        /** How the connection ended, if the server ended it. */
        String ending() {
            if (error != null) {
                return "error " + describe(error);
            }
            String text = closeCode + (closeReason == null || closeReason.isEmpty() ? "" : " \"" + closeReason + "\"");
            return closeCode == 1006 ? text + " (connection dropped without a close frame)" : text;
        }

        private static String describe(Throwable failure) {
            StringBuilder text = new StringBuilder(failure.toString());
            StackTraceElement[] stack = failure.getStackTrace();
            for (int i = 0; i < Math.min(3, stack.length); i++) {
                text.append(i == 0 ? " at " : " < ").append(stack[i]);
            }
            if (failure.getCause() != null && failure.getCause() != failure) {
                text.append("; cause: ").append(describe(failure.getCause()));
            }
            return text.toString();
        }
    }
}
