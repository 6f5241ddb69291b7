package dev.crosslinkhub.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One {@code /ws} connection of the tools that listens and checks every message as it arrives,
 * whatever events it expects: messages reassembled from their fragments and counted, {@code seq}
 * contiguous from 1 over events, gap notices and error frames alike, each {@code gap} counted with
 * the events it dropped, the answer to the subscribe barrier recognised, anything else a failed
 * check; how the connection ended (the server's close or an error), and what {@link ClientFleet}
 * needs of a client: its socket, and the moments it passed its subscribe barrier, finished its work
 * and closed. A subclass checks its events ({@link #onEvent}) and says when it has had
 * all it is due ({@link #complete}); {@link #done} then completes.
 *
 * <p>The JDK calls a listener's methods one at a time; they run under {@code this} so that the
 * controlling thread can take a consistent snapshot ({@link #account}).
 */
abstract class ListeningClient implements WebSocket.Listener {

    /** The barrier message: the hub refuses it with an {@code error} frame, after applying the subscribe sent before it. */
    static final String BARRIER = "{\"type\":\"bench-barrier\"}";

    private static final int MAX_NOTES = 3;

    /** How a connection ended: {@code closeCode} -1 while no close came; {@code closedByUs} when the tool closed first. */
    record Ending(int closeCode, String closeReason, boolean closedByUs, Throwable error) {

        boolean endedByServer() {
            return (closeCode >= 0 && !closedByUs) || error != null;
        }

        boolean evicted() {
            return closeCode == 1013 && !closedByUs;
        }

        /** How the connection ended, if the server ended it. */
        String describe() {
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

    /**
     * What every listening client counts, as of a snapshot: messages of any kind, gap notices and
     * the events they dropped, failed checks with the first {@value #MAX_NOTES} notes on them,
     * the first and last receipt, when it had all it was due (0 if not yet), how it ended.
     */
    record Account(long messages, long gaps, long dropped, long failures, List<String> notes,
                   long firstReceiptNanos, long lastReceiptNanos, long completedNanos, Ending ending) {
    }

    final int index;
    private final boolean barrier;

    final CompletableFuture<Void> done = new CompletableFuture<>();
    final CompletableFuture<Void> barrierPassed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile WebSocket socket;
    private volatile boolean closing;
    private final WireCursor cursor = new WireCursor();
    private StringBuilder partial;

    // --- guarded by this ---
    private long nextSeq = 1;
    private long messages;
    private long gaps;
    private long dropped;
    private long failures;
    private final List<String> notes = new ArrayList<>();
    private long firstReceiptNanos;
    private long lastReceiptNanos;
    private long completedNanos;
    private int closeCode = -1;
    private String closeReason;
    private boolean closedByUs;
    private Throwable error;

    /** @param barrier whether the client's first message is to be the hub's answer to {@link #BARRIER} */
    ListeningClient(int index, boolean barrier) {
        this.index = index;
        this.barrier = barrier;
        if (!barrier) {
            barrierPassed.complete(null);
        }
    }

    // ---------------------------------------------------------------- what a subclass checks

    /** The clock receipts are stamped with: the one the events' own stamps are to be compared to. */
    abstract long now();

    /** Who a note is about: "client #3", say. */
    abstract String who();

    /** An event, {@code in} just after its (already checked) {@code seq}. Runs under {@code this}. */
    abstract void onEvent(WireCursor in, String text, long now) throws WireCursor.WireFormatException;

    /** Whether every event due is accounted for (received, or dropped by a gap). Runs under {@code this}. */
    abstract boolean complete();

    /** A gap notice of {@code n} dropped events, already counted. Runs under {@code this}. */
    void afterGap(long n) {
    }

    /** The demand the client opens with: everything, unless it reads one message at a time. */
    long initialDemand() {
        return Long.MAX_VALUE;
    }

    /** After each message (or fragment) taken: a client that reads one at a time asks for the next. */
    void askNext(WebSocket webSocket) {
    }

    /** The closing handshake is starting: a client that stopped reading reads again. */
    void beforeClose() {
    }

    // ---------------------------------------------------------------- what ClientFleet needs

    WebSocket socket() {
        return socket;
    }

    /** The handshake's result; {@link #onOpen} normally got it first. */
    void attach(WebSocket webSocket) {
        if (socket == null) {
            socket = webSocket;
        }
    }

    /** Completes when the hub's answer to the barrier proves the subscription is applied. */
    CompletableFuture<Void> barrierPassed() {
        return barrierPassed;
    }

    /** Completes when every event due is accounted for, or the connection ended. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Completes when the closing handshake finished (or the connection was aborted). */
    CompletableFuture<Void> closed() {
        return closed;
    }

    /** Starts the closing handshake; {@link #closed} completes when the server's close arrives. */
    void close() {
        WebSocket webSocket = socket;
        if (webSocket == null) {
            closed.complete(null);
            return;
        }
        closing = true;
        beforeClose();
        webSocket.request(Long.MAX_VALUE); // the server's Close frame is delivered only against demand
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done")
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        webSocket.abort();
                        closed.complete(null);
                    }
                });
    }

    void abort() {
        WebSocket webSocket = socket;
        if (webSocket != null) {
            webSocket.abort();
        }
        closed.complete(null);
    }

    // ---------------------------------------------------------------- WebSocket.Listener

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(initialDemand());
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = now();
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

    // ---------------------------------------------------------------- checking

    private void handle(String text, long now) {
        messages++;
        if (firstReceiptNanos == 0) {
            firstReceiptNanos = now;
        }
        lastReceiptNanos = now;
        try {
            if (text.startsWith("{\"seq\":")) {
                WireCursor in = cursor.reset(text);
                in.expect("{\"seq\":");
                checkSeq(in.number());
                onEvent(in, text, now);
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
        checkDone(now);
    }

    /** Completes {@link #done} at {@code now} if every event due is accounted for. Call under {@code this}. */
    final void checkDone(long now) {
        if (!done.isDone() && complete()) {
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

    private void onGap(String text) throws WireCursor.WireFormatException {
        WireCursor in = cursor.reset(text);
        in.expect("{\"dropped\":");
        long n = in.number();
        in.expect(",\"seq\":");
        checkSeq(in.number());
        in.expect(",\"type\":\"gap\"}");
        in.end();
        if (n < 1) {
            fail("gap of " + n);
        }
        gaps++;
        dropped += n;
        afterGap(n);
    }

    /** Only the answer to the subscribe barrier, as the first message, is expected. */
    private void onErrorFrame(String text) throws WireCursor.WireFormatException {
        int at = text.lastIndexOf("\",\"seq\":");
        if (at < 0) {
            nextSeq++;
            throw new WireCursor.WireFormatException("error frame without seq: " + WireCursor.abbreviate(text));
        }
        WireCursor in = cursor.reset(text.substring(at));
        in.expect("\",\"seq\":");
        checkSeq(in.number());
        in.expect(",\"type\":\"error\"}");
        in.end();
        if (barrier && messages == 1 && text.contains("bench-barrier")) {
            barrierPassed.complete(null);
        } else {
            fail("unexpected error frame " + WireCursor.abbreviate(text));
        }
    }

    /** A failed check, noted (the first few) with {@link #who}. Call under {@code this}. */
    final void fail(String what) {
        failures++;
        if (notes.size() < MAX_NOTES) {
            notes.add(who() + ": " + what);
        }
    }

    /** Events dropped by gaps so far. Call under {@code this}. */
    final long dropped() {
        return dropped;
    }

    /** What this client counted, as of now. */
    final synchronized Account account() {
        return new Account(messages, gaps, dropped, failures, List.copyOf(notes), firstReceiptNanos, lastReceiptNanos,
                completedNanos, new Ending(closeCode, closeReason, closedByUs, error));
    }
}
