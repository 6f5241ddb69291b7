package dev.crosslinkhub.bench;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The hub's REST endpoints the tool uses. Every call has a timeout. */
final class HubApi {

    /** {@code pid} is -1 when the server does not tell it. */
    record Memory(long heapUsedBytes, long rssBytes, int sessions, long pid) {
    }

    record FireResult(long fired, long elapsedMicros) {
    }

    /** The result of waiting for the server's session count. */
    record SessionWait(boolean reached, int sessions, long millis, Memory last) {
    }

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Each poll of the session count is a full GC on the server: from 50 ms, doubling up to 500 ms. */
    private static final Await.Pace SESSION_POLL = Await.Pace.backingOff(Duration.ofMillis(50), Duration.ofMillis(500));

    private final HttpClient http;
    private final String base;
    private final String token;

    HubApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.base = baseUrl + "/api/v1/";
        this.token = token;
    }

    /** Whether the server runs on this machine's loopback, so its pid means something here. */
    boolean isLoopback() {
        String host = URI.create(base).getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    URI webSocketUri() {
        String root = base.substring(0, base.length() - "/api/v1/".length());
        return URI.create((root.startsWith("https://") ? "wss://" + root.substring(8) : "ws://" + root.substring(7)) + "/ws");
    }

    /** Fails unless the hub answers its health check (a container's 404 page does not count). */
    String health() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "health"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"status\":\"ok\"")) {
            throw new IOException("GET /api/v1/health answered " + response.statusCode() + ": "
                    + WireCursor.abbreviate(response.body()));
        }
        return response.body();
    }

    /** {@code GET /bench/memory}: the server runs a full GC first. */
    Memory memory() throws IOException, InterruptedException {
        String body = call(authorized("bench/memory").timeout(CALL_TIMEOUT).GET().build(), "GET /api/v1/bench/memory");
        long pid = body.contains("\"pid\"") ? jsonLong(body, "pid") : -1;
        return new Memory(jsonLong(body, "heap_used_bytes"), jsonLong(body, "rss_bytes"), (int) jsonLong(body, "sessions"), pid);
    }

    /** Gauges and counters without labels from {@code GET /metrics}, by name; a name it lacks fails. */
    Map<String, Long> gauges(List<String> names) throws IOException, InterruptedException {
        String text = call(authorized("metrics").timeout(CALL_TIMEOUT).GET().build(), "GET /api/v1/metrics");
        Map<String, Long> values = new TreeMap<>();
        for (String name : names) {
            Long value = Api.metricIn(text, name);
            if (value == null) {
                throw new IOException("GET /api/v1/metrics has no " + name);
            }
            values.put(name, value);
        }
        return values;
    }

    /** What {@code GET /bench/senders} saw: sender threads, those inside a send, those parked there. */
    record Senders(int threads, int sending, int parkedInSend, String body) {
    }

    /** {@code GET /bench/senders}: the hub's sender threads at this moment. */
    Senders senders() throws IOException, InterruptedException {
        String body = call(authorized("bench/senders").timeout(CALL_TIMEOUT).GET().build(), "GET /api/v1/bench/senders");
        return new Senders((int) jsonLong(body, "threads"), (int) jsonLong(body, "sending"), (int) jsonLong(body, "parked_in_send"), body);
    }

    /** {@code POST /bench/fire}: returns when every event has been fired (not delivered). */
    FireResult fire(int count, int rate, String agentId) throws IOException, InterruptedException {
        long seconds = 60 + (rate > 0 ? count / rate : count / 1000);
        String body = call(authorized("bench/fire")
                .timeout(Duration.ofSeconds(seconds))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"count\":" + count + ",\"rate\":" + rate + ",\"agent_id\":\"" + agentId + "\"}"))
                .build(), "POST /api/v1/bench/fire");
        return new FireResult(jsonLong(body, "fired"), jsonLong(body, "elapsed_micros"));
    }

    /** The request of {@code POST /locks/notify} for one lock change. */
    HttpRequest notifyRequest(long issueId, String agentId) {
        return authorized("locks/notify")
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"issue_id\":" + issueId + ",\"action\":\"claimed\",\"agent_id\":\"" + agentId + "\"}"))
                .build();
    }

    // ---- the routes an agent of the mixed scenario uses; ids and texts are the tool's own, no escaping needed

    /** {@code POST /heartbeats}; {@code activeIssueId} null leaves the field out. */
    HttpRequest heartbeatRequest(String agentId, String machineId, Long activeIssueId) {
        return json("heartbeats", "POST", "{\"agent_id\":\"" + agentId + "\",\"machine_id\":\"" + machineId + "\""
                + (activeIssueId == null ? "" : ",\"active_issue_id\":" + activeIssueId) + "}");
    }

    /** {@code POST /issues}: answers the issue, its {@code id} among its fields. */
    HttpRequest createIssueRequest(String title) {
        return json("issues", "POST", "{\"title\":\"" + title + "\"}");
    }

    HttpRequest claimRequest(long issueId, String agentId) {
        return json("locks/" + issueId + "/claim", "POST", "{\"agent_id\":\"" + agentId + "\"}");
    }

    HttpRequest releaseRequest(long issueId, String agentId) {
        return json("locks/" + issueId + "/release", "POST", "{\"agent_id\":\"" + agentId + "\"}");
    }

    /** {@code PATCH /issues/{id}} of the title alone. */
    HttpRequest retitleRequest(long issueId, String title) {
        return json("issues/" + issueId, "PATCH", "{\"title\":\"" + title + "\"}");
    }

    HttpRequest commentRequest(long issueId, String content) {
        return json("issues/" + issueId + "/comments", "POST", "{\"content\":\"" + content + "\"}");
    }

    private HttpRequest json(String path, String method, String body) {
        return authorized(path)
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * Polls the session count ({@link #SESSION_POLL}) until it equals {@code expected} or the
     * timeout passes.
     */
    SessionWait awaitSessions(int expected, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Memory[] last = new Memory[1];
        boolean reached = Await.within(timeout, SESSION_POLL, () -> (last[0] = memory()).sessions() == expected);
        return new SessionWait(reached, last[0].sessions(), (System.nanoTime() - start) / 1_000_000, last[0]);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    private String call(HttpRequest request, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + WireCursor.abbreviate(response.body())
                    + (response.statusCode() == 404 ? " (is the server started with -Dhub.bench.enabled=true?)" : "")
                    + (response.statusCode() == 401 ? " (check --token)" : ""));
        }
        return response.body();
    }

    /** A top-level integer field of a small flat JSON object. */
    static long jsonLong(String body, String key) throws IOException {
        String quoted = "\"" + key + "\"";
        int at = body.indexOf(quoted);
        if (at < 0) {
            throw new IOException("no field " + key + " in " + WireCursor.abbreviate(body));
        }
        int i = at + quoted.length();
        while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == ':')) {
            i++;
        }
        int start = i;
        if (i < body.length() && body.charAt(i) == '-') {
            i++;
        }
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        try {
            return Long.parseLong(body.substring(start, i));
        } catch (NumberFormatException e) {
            throw new IOException("field " + key + " is not a number in " + WireCursor.abbreviate(body));
        }
    }
}
