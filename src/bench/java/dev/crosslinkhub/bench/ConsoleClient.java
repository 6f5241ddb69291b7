package dev.crosslinkhub.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A console of the mixed scenario: one {@code /ws} connection subscribed to agents, issues and
 * locks, as a dashboard watching the agents would be. It checks each message's bytes and its
 * {@code seq} as it arrives, counts events by type, and keeps every {@code lock_changed} with its
 * receipt time; whether each acknowledged lock change arrived exactly once is decided afterwards
 * ({@link LockLedger}), when the agents' own record is complete.
 *
 * <p>The JDK calls a listener's methods one at a time; they run under {@code this} so that the
 * controlling thread can take a consistent {@link #snapshot}.
 */
final class ConsoleClient implements FleetClient {

    /** A {@code lock_changed} as received: {@code agent} is the agent's index in the run. */
    record Sighting(long issueId, int agent, boolean claimed, long receivedNanos) {
    }

    private static final int MAX_NOTES = 3;

    final int index;
    /** This run's agents, by agent_id: an event naming anyone else is an error. */
    private final Map<String, Integer> agents;

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CompletableFuture<Void> barrierPassed = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile WebSocket socket;
    private volatile boolean closing;
    private final WireCursor cursor = new WireCursor();
    private StringBuilder partial;

    // --- guarded by this ---
    private long nextSeq = 1;
    private long messages;
    private long lockEvents;
    private long retitles;
    private long comments;
    private long heartbeats;
    /** agent_status per agent of this run: its first heartbeat makes it active, once. */
    private final int[] statusByAgent;
    private long statusChanges;
    /** agent_status of agents of earlier runs, which the hub's sweep turns idle after 5 minutes. */
    private long otherStatusChanges;
    private long otherEvents;
    private long gaps;
    private long dropped;
    private final List<Sighting> sightings = new ArrayList<>();
    /** Events (lock, issue and heartbeat) due once the agents stopped; -1 while they work. */
    private long due = -1;
    private long completedNanos;
    private long lastReceiptNanos;
    private long failures;
    private final List<String> notes = new ArrayList<>();
    private int closeCode = -1;
    private String closeReason;
    private boolean closedByUs;
    private Throwable error;

    ConsoleClient(int index, Map<String, Integer> agents) {
        this.index = index;
        this.agents = agents;
        this.statusByAgent = new int[agents.size()];
    }

    // ---------------------------------------------------------------- FleetClient

    @Override
    public WebSocket socket() {
        return socket;
    }

    @Override
    public void attach(WebSocket webSocket) {
        if (socket == null) {
            socket = webSocket;
        }
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
    public void close() {
        WebSocket webSocket = socket;
        if (webSocket == null) {
            closed.complete(null);
            return;
        }
        closing = true;
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

    /**
     * The agents have stopped and every one of their answers is in: {@code events} lock, issue
     * and heartbeat events are due. The hub queues an event before its request answers, so they
     * are all on their way by now.
     */
    synchronized void expect(long events) {
        due = events;
        checkDone(System.nanoTime());
    }

    // ---------------------------------------------------------------- WebSocket.Listener

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(Long.MAX_VALUE); // a console reads everything, at once
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime(); // the agents' answers are stamped with the same clock
        if (partial != null || !last) {
            if (partial == null) {
                partial = new StringBuilder(256);
            }
            partial.append(data);
            if (!last) {
                return null;
            }
            String text = partial.toString();
            partial = null;
            synchronized (this) {
                handle(text, now);
            }
        } else {
            synchronized (this) {
                handle(data.toString(), now);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        synchronized (this) {
            messages++;
            fail("unexpected binary message of " + data.remaining() + " bytes");
        }
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
        checkDone(now);
    }

    private void checkDone(long now) {
        if (due >= 0 && !done.isDone() && lockEvents + retitles + comments + heartbeats + dropped >= due) {
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

    /** The event's keys come in byte order after seq, so the first one tells its type. */
    private void onEvent(String text, long now) throws WireCursor.WireFormatException {
        WireCursor in = cursor.reset(text);
        in.expect("{\"seq\":");
        checkSeq(in.number());
        in.expect(",\"");
        if (in.peek("action\":\"")) {
            onLockChanged(in, now);
        } else if (in.peek("field\":\"")) {
            onIssueUpdated(in);
        } else if (in.peek("active_issue_id\":")) {
            in.expect("active_issue_id\":");
            in.number();
            in.expect(",\"agent_id\":\"");
            onHeartbeat(in.until('"'), in);
        } else if (in.peek("agent_id\":\"")) {
            in.expect("agent_id\":\"");
            String agentId = in.until('"');
            if (in.peek("\",\"status\":\"")) {
                onAgentStatus(agentId, in);
            } else {
                onHeartbeat(agentId, in);
            }
        } else {
            otherEvents++;
            fail("an event no agent caused: " + WireCursor.abbreviate(text));
        }
    }

    /** The rest of an agent_status after its agent_id. */
    private void onAgentStatus(String agentId, WireCursor in) throws WireCursor.WireFormatException {
        in.expect("\",\"status\":\"");
        String status = in.until('"');
        in.expect("\",\"type\":\"agent_status\"}");
        in.end();
        Integer agent = agents.get(agentId);
        if (agent == null) {
            otherStatusChanges++;
            return;
        }
        statusChanges++;
        statusByAgent[agent]++;
        if (!status.equals("active")) {
            fail("agent_status '" + status + "' of " + agentId + ", which heartbeats all the time");
        }
    }

    /** The rest of a heartbeat after its agent_id. */
    private void onHeartbeat(String agentId, WireCursor in) throws WireCursor.WireFormatException {
        requireAgent(agentId, "heartbeat");
        in.expect("\",\"timestamp\":\"");
        in.instantNanos();
        in.expect("\",\"type\":\"heartbeat\"}");
        in.end();
        heartbeats++;
    }

    private void onLockChanged(WireCursor in, long now) throws WireCursor.WireFormatException {
        in.expect("action\":\"");
        String action = in.until('"');
        in.expect("\",\"agent_id\":\"");
        String agentId = in.until('"');
        in.expect("\",\"issue_id\":");
        long issueId = in.number();
        in.expect(",\"type\":\"lock_changed\"}");
        in.end();
        lockEvents++;
        boolean claimed = action.equals("claimed");
        if (!claimed && !action.equals("released")) {
            fail("lock_changed with action '" + action + "'");
            return;
        }
        Integer agent = requireAgent(agentId, "lock_changed");
        if (agent != null) {
            sightings.add(new Sighting(issueId, agent, claimed, now));
        }
    }

    private void onIssueUpdated(WireCursor in) throws WireCursor.WireFormatException {
        in.expect("field\":\"");
        String field = in.until('"');
        in.expect("\",\"issue_id\":");
        long issueId = in.number();
        in.expect(",\"type\":\"issue_updated\"}");
        in.end();
        switch (field) {
            case "updated" -> retitles++;
            case "comments" -> comments++;
            default -> {
                otherEvents++;
                fail("issue_updated field '" + field + "' of issue " + issueId + ", which no agent does");
            }
        }
    }

    private Integer requireAgent(String agentId, String what) {
        Integer agent = agents.get(agentId);
        if (agent == null) {
            fail(what + " of '" + agentId + "', not an agent of this run");
        }
        return agent;
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
        if (messages == 1 && text.contains("bench-barrier")) {
            barrierPassed.complete(null);
        } else {
            fail("unexpected error frame " + WireCursor.abbreviate(text));
        }
    }

    private void fail(String what) {
        failures++;
        if (notes.size() < MAX_NOTES) {
            notes.add("console #" + index + ": " + what);
        }
    }

    // ---------------------------------------------------------------- results

    /** What this console saw, as of now. */
    synchronized Result snapshot() {
        int notAnnouncedOnce = 0;
        for (int n : statusByAgent) {
            if (n != 1) {
                notAnnouncedOnce++;
            }
        }
        return new Result(index, messages, lockEvents, retitles, comments, heartbeats, statusChanges,
                notAnnouncedOnce, otherStatusChanges, otherEvents,
                gaps, dropped, List.copyOf(sightings), completedNanos, lastReceiptNanos, failures, List.copyOf(notes),
                closeCode, closeReason, closedByUs, error);
    }

    record Result(int index, long messages, long lockEvents, long retitles, long comments, long heartbeats,
                  long statusChanges, int agentsNotActiveOnce, long otherStatusChanges, long otherEvents, long gaps, long dropped, List<Sighting> sightings,
                  long completedNanos, long lastReceiptNanos, long failures, List<String> notes,
                  int closeCode, String closeReason, boolean closedByUs, Throwable error) {

        long events() {
            return lockEvents + retitles + comments + heartbeats + statusChanges + otherStatusChanges + otherEvents;
        }

        boolean endedByServer() {
            return (closeCode >= 0 && !closedByUs) || error != null;
        }

        String ending() {
            return error != null ? "error " + error : closeCode + (closeReason == null ? "" : " \"" + closeReason + "\"");
        }
    }
}
