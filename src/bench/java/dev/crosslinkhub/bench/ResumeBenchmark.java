package dev.crosslinkhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What resuming and authenticating cost, against a running server started with
 * {@code -Dhub.bench.enabled=true}:
 *
 * <pre>
 * mvn -Pbench test-compile exec:java -Dbench.main=dev.crosslinkhub.bench.ResumeBenchmark \
 *     -Dbench.args="--url http://127.0.0.1:3100 --token bench-token-0123456789"
 * </pre>
 *
 * 1. Resume: E events are fired while nobody listens, then C clients subscribe with
 * {@code since} at once and are replayed all of them; every client's replay is checked (seq and
 * order) and timed. 2. Auth on connect: handshakes per second with the token as a header, with a
 * one-time ticket (its REST call included), and refused handshakes per second without a token.
 */
public final class ResumeBenchmark {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final URI ws;
    private final String token;

    private ResumeBenchmark(String url, String token) {
        this.base = url + "/api/v1/";
        this.ws = URI.create(url.replaceFirst("^http", "ws") + "/ws");
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:3100";
        String token = "";
        int clients = 100;
        int events = 10_000;
        int handshakes = 2000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--token" -> token = args[i + 1];
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--handshakes" -> handshakes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ResumeBenchmark bench = new ResumeBenchmark(url, token);
        boolean ok = true;
        for (int run = 1; run <= 3; run++) {
            ok &= bench.resume(run == 3 ? "warm" : "run " + run, clients, events);
        }
        bench.handshakes(handshakes);
        System.out.println(ok ? "RESULT: PASS" : "RESULT: FAIL");
        System.exit(ok ? 0 : 1);
    }

    /** One replay of {@code events} to {@code clients} at once; true when every client got all of them in order. */
    private boolean resume(String label, int clients, int events) throws Exception {
        long since = currentEventId();
        post("bench/fire", "{\"count\":" + events + ",\"rate\":0,\"agent_id\":\"resume-bench\"}");
        ClientFleet<Replay> fleet = ClientFleet.open(http, ws, token, clients, clients, i -> new Replay(i, events));
        if (!fleet.connectFailures.isEmpty()) {
            fleet.closeAll(500, CLOSE_WAIT);
            throw new IllegalStateException("clients failed to connect: " + fleet.connectFailures);
        }
        List<Replay> replays = fleet.clients;
        long start = System.nanoTime();
        for (Replay replay : replays) {
            replay.start = System.nanoTime();
            replay.socket().sendText("{\"type\":\"subscribe\",\"channels\":[\"agents\"],\"since\":" + since + "}", true);
        }
        boolean complete = fleet.awaitDone(Duration.ofSeconds(120)) == 0;
        long elapsed = System.nanoTime() - start;
        List<ListeningClient.Account> accounts = replays.stream().map(ListeningClient::account).toList();
        fleet.closeAll(500, CLOSE_WAIT);
        long[] millis = replays.stream().mapToLong(r -> (r.account().completedNanos() - r.start) / 1_000_000).sorted().toArray();
        List<ListeningClient.Account> bad = accounts.stream().filter(a -> a.failures() > 0 || a.completedNanos() == 0).toList();
        System.out.printf(Locale.ROOT, "resume %-6s %d clients × %d replayed events: all done in %.3f s = %,.0f msg/s;"
                        + " per client p50 %d ms, p99 %d ms, max %d ms; %s%n",
                label, clients, events, elapsed / 1e9, (double) clients * events / (elapsed / 1e9),
                millis[millis.length / 2], millis[(int) Math.min(millis.length - 1, Math.ceil(millis.length * 0.99) - 1)],
                millis[millis.length - 1],
                complete && bad.isEmpty() ? "every client complete, in order, no gap" : bad.size() + " clients wrong: "
                        + bad.stream().flatMap(a -> a.notes().stream()).findFirst().orElse("timed out"));
        return complete && bad.isEmpty();
    }

    /** The newest event id: fire one event and read its id as a client that resumes "from now". */
    private long currentEventId() throws Exception {
        ClientFleet<Marker> fleet = ClientFleet.open(http, ws, token, 1, 1, i -> new Marker());
        if (fleet.clients.isEmpty()) {
            throw new IllegalStateException("the marker client failed to connect: " + fleet.connectFailures);
        }
        Marker marker = fleet.clients.get(0);
        marker.socket().sendText("{\"type\":\"subscribe\",\"channels\":[\"agents\"],\"since\":9223372036854775807}", true).get();
        marker.socket().sendText(ListeningClient.BARRIER, true).get();
        marker.barrierPassed().get(20, TimeUnit.SECONDS); // the hub's error answer comes after the subscribe took effect
        post("bench/fire", "{\"count\":1,\"rate\":0,\"agent_id\":\"resume-marker\"}");
        long id = marker.eventId.get(20, TimeUnit.SECONDS);
        fleet.closeAll(1, CLOSE_WAIT);
        return id;
    }

    /** The client that finds the newest event id: the event_id of the first event after its barrier. */
    private static final class Marker extends ListeningClient {
        final CompletableFuture<Long> eventId = new CompletableFuture<>();

        Marker() {
            super(0, true);
        }

        @Override
        long now() {
            return System.nanoTime();
        }

        @Override
        String who() {
            return "the marker client";
        }

        @Override
        void onEvent(WireCursor in, String text, long now) throws WireCursor.WireFormatException {
            in.expect(",\"epoch\":");
            in.number();
            in.expect(",\"event_id\":");
            eventId.complete(in.number());
        }

        @Override
        boolean complete() {
            return eventId.isDone();
        }
    }

    /**
     * A client that expects exactly {@code expected} replayed heartbeats numbered 1..expected, in
     * order: {@code active_issue_id} counts up from 1, and a gap is a failure.
     */
    private static final class Replay extends ListeningClient {
        final int expected;
        long start;
        private long nextIssue = 1;

        Replay(int index, int expected) {
            super(index, false);
            this.expected = expected;
        }

        /** A replay is read one message at a time, as the JDK's listener does unless told otherwise. */
        @Override
        long initialDemand() {
            return 1;
        }

        @Override
        void askNext(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        long now() {
            return System.nanoTime();
        }

        @Override
        String who() {
            return "client #" + index;
        }

        @Override
        void onEvent(WireCursor in, String text, long now) throws WireCursor.WireFormatException {
            in.expect(",\"epoch\":");
            in.number();
            in.expect(",\"event_id\":");
            in.number();
            in.expect(",\"active_issue_id\":");
            long issue = in.number();
            if (issue != nextIssue) {
                fail("expected event " + nextIssue + ", got " + WireCursor.abbreviate(text));
            }
            nextIssue = issue + 1;
        }

        @Override
        void afterGap(long n) {
            fail("a gap of " + n + " in a replay");
        }

        @Override
        boolean complete() {
            return nextIssue > expected;
        }
    }

    private void handshakes(int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            http.newWebSocketBuilder().header("Authorization", "Bearer " + token).buildAsync(ws, new WebSocket.Listener() { })
                    .get(20, TimeUnit.SECONDS).abort();
        }
        report("with the token as a header", count, start);

        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String ticket = post("ws-tickets", "").replaceAll(".*\"ticket\":\"([0-9a-f]+)\".*", "$1");
            http.newWebSocketBuilder().buildAsync(URI.create(ws + "?ticket=" + ticket), new WebSocket.Listener() { })
                    .get(20, TimeUnit.SECONDS).abort();
        }
        report("with a one-time ticket (POST /ws-tickets included)", count, start);

        start = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < count; i++) {
            try {
                http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS).abort();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException handshake && handshake.getResponse().statusCode() == 401) {
                    refused++;
                }
            }
        }
        report("refused without a token (" + refused + " of " + count + " got 401)", count, start);
    }

    private static void report(String what, int count, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "handshakes %-52s %,d in %.2f s = %,.0f/s (one at a time)%n", what, count, seconds, count / seconds);
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
