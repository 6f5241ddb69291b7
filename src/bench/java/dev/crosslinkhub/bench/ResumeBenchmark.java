package dev.crosslinkhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What resuming and authenticating cost, against a running server started with
 * {@code -Dhub.bench.enabled=true}:
 *
 * <pre>
 * mvn -Pbench test-compile exec:java -Dbench.main=dev.crosslinkhub.bench.ResumeBenchmark \
 *     -Dbench.args="--url http://127.0.0.1:3100 --token bench"
 * </pre>
 *
 * 1. Resume: E events are fired while nobody listens, then C clients subscribe with
 * {@code since} at once and are replayed all of them; every client's replay is checked (seq and
 * order) and timed. 2. Auth on connect: handshakes per second with the token as a header, with a
 * one-time ticket (its REST call included), and refused handshakes per second without a token.
 */
public final class ResumeBenchmark {

    private static final Pattern EVENT = Pattern.compile("^\\{\"seq\":(\\d+),\"event_id\":(\\d+),\"active_issue_id\":(\\d+),");

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
        List<Replay> replays = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            replays.add(new Replay(events));
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (Replay replay : replays) {
            sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token).buildAsync(ws, replay).get(20, TimeUnit.SECONDS));
        }
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            replays.get(i).start = System.nanoTime();
            sockets.get(i).sendText("{\"type\":\"subscribe\",\"channels\":[\"agents\"],\"since\":" + since + "}", true);
        }
        boolean complete = true;
        for (Replay replay : replays) {
            complete &= replay.done.await(120, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - start;
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        long[] millis = replays.stream().mapToLong(r -> (r.finished - r.start) / 1_000_000).sorted().toArray();
        long bad = replays.stream().filter(r -> r.problem != null).count();
        System.out.printf(Locale.ROOT, "resume %-6s %d clients × %d replayed events: all done in %.3f s = %,.0f msg/s;"
                        + " per client p50 %d ms, p99 %d ms, max %d ms; %s%n",
                label, clients, events, elapsed / 1e9, (double) clients * events / (elapsed / 1e9),
                millis[millis.length / 2], millis[(int) Math.min(millis.length - 1, Math.ceil(millis.length * 0.99) - 1)],
                millis[millis.length - 1],
                complete && bad == 0 ? "every client complete, in order, no gap" : bad + " clients wrong: "
                        + replays.stream().filter(r -> r.problem != null).map(r -> r.problem).findFirst().orElse("timed out"));
        return complete && bad == 0;
    }

    /** The newest event id: fire one event and read its id as a client that resumes "from now". */
    private long currentEventId() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token).buildAsync(ws, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (data.toString().contains("\"event_id\"")) {
                    first.complete(data.toString());
                } else if (data.toString().contains("'sync'")) {
                    subscribed.complete(null);
                }
                webSocket.request(1);
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"subscribe\",\"channels\":[\"agents\"],\"since\":9223372036854775807}", true).get();
        socket.sendText("{\"type\":\"sync\"}", true).get();
        subscribed.get(20, TimeUnit.SECONDS); // the hub's error answer to "sync" comes after the subscribe took effect
        post("bench/fire", "{\"count\":1,\"rate\":0,\"agent_id\":\"resume-marker\"}");
        String event = first.get(20, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        Matcher id = Pattern.compile("\"event_id\":(\\d+)").matcher(event);
        id.find();
        return Long.parseLong(id.group(1));
    }

    /** A client that expects exactly {@code expected} replayed heartbeats numbered 1..expected. */
    private static final class Replay implements WebSocket.Listener {
        final int expected;
        final CountDownLatch done = new CountDownLatch(1);
        long start;
        volatile long finished;
        volatile String problem;
        private long nextIssue = 1;
        private long nextSeq = 1;
        private final StringBuilder partial = new StringBuilder();

        Replay(int expected) {
            this.expected = expected;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                Matcher event = EVENT.matcher(message);
                if (!event.find()) {
                    if (problem == null) {
                        problem = "unexpected message " + message;
                    }
                } else if (Long.parseLong(event.group(1)) != nextSeq || Long.parseLong(event.group(3)) != nextIssue) {
                    problem = "expected seq " + nextSeq + " and event " + nextIssue + ", got " + message;
                }
                nextSeq++;
                nextIssue++;
                if (nextIssue > expected && done.getCount() > 0) {
                    finished = System.nanoTime();
                    done.countDown();
                }
            }
            webSocket.request(1);
            return null;
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
