package dev.crosslinkhub.bench;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What agents over MCP get, against a running server, through the MCP SDK's own client:
 *
 * <pre>
 * mvn -Pbench test-compile exec:java -Dbench.main=dev.crosslinkhub.bench.McpBenchmark \
 *     -Dbench.args="--url http://127.0.0.1:3100 --token bench-token-0123456789"
 * </pre>
 *
 * 1. Tool calls: {@code --agents} sessions (20) each loop heartbeat, claim_lock and release_lock
 * on an issue of its own for {@code --seconds} (10), three times in the same server (the third
 * is reported warm); every answer is checked (no tool error, the agent and issue it named). 2.
 * Wake-up: one session waits in {@code wait_for_events} on {@code locks} while a REST client
 * claims a lock, {@code --wakes} (200) times; from just before the REST request is sent to the
 * wait's answer, whose event is checked to be that claim.
 */
public final class McpBenchmark {

    private static final Pattern EVENT_ID = Pattern.compile("\"next_since\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String token;
    private final CpuMeter cpu;

    private McpBenchmark(String url, String token, long serverPid) {
        this.url = url;
        this.token = token;
        this.cpu = new CpuMeter(serverPid);
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:3100";
        String token = "";
        int agents = 20;
        int seconds = 10;
        int wakes = 200;
        long serverPid = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--token" -> token = args[i + 1];
                case "--agents" -> agents = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--wakes" -> wakes = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> serverPid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        McpBenchmark bench = new McpBenchmark(url, token, serverPid);
        boolean ok = true;
        try {
            for (int run = 1; run <= 3 && agents > 0; run++) {
                ok &= bench.toolCalls(run == 3 ? "warm" : "run " + run, agents, seconds);
            }
            for (int run = 1; run <= 2 && wakes > 0; run++) {
                ok &= bench.wakeUps(run == 2 ? "warm" : "run " + run, wakes);
            }
        } catch (Exception failed) {
            failed.printStackTrace(System.out);
            ok = false;
        }
        System.out.println(ok ? "RESULT: PASS" : "RESULT: FAIL");
        System.exit(ok ? 0 : 1);
    }

    private McpSyncClient session() {
        URI mcp = URI.create(url + "/mcp");
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(mcp.getScheme() + "://" + mcp.getAuthority())
                .endpoint(mcp.getPath())
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    private static String call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(tool + " refused: " + text);
        }
        return text;
    }

    /** {@code agents} sessions calling tools for {@code seconds}; true when every answer was right. */
    private boolean toolCalls(String label, int agents, int seconds) throws Exception {
        List<McpSyncClient> sessions = new ArrayList<>();
        List<Long> issues = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            sessions.add(session());
            issues.add(createIssue("mcp bench " + label + " " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<LatencyHistogram>> loops = new ArrayList<>();
        CpuMeter.Sample from = cpu.sample();
        long start = System.nanoTime();
        for (int i = 0; i < agents; i++) {
            McpSyncClient client = sessions.get(i);
            String agent = "mcp-agent-" + i;
            long issue = issues.get(i);
            loops.add(CompletableFuture.supplyAsync(() -> {
                LatencyHistogram latency = new LatencyHistogram();
                while (running.get()) {
                    long t0 = System.nanoTime();
                    expect(call(client, "heartbeat", Map.of("agent_id", agent, "active_issue_id", issue)), "\"agent_id\":\"" + agent + "\"");
                    long t1 = System.nanoTime();
                    expect(call(client, "claim_lock", Map.of("issue_id", issue, "agent_id", agent)), "\"issue_id\":" + issue + ",");
                    long t2 = System.nanoTime();
                    expect(call(client, "release_lock", Map.of("issue_id", issue, "agent_id", agent)), "{\"ok\":true}");
                    long t3 = System.nanoTime();
                    latency.record((t1 - t0) / 1000);
                    latency.record((t2 - t1) / 1000);
                    latency.record((t3 - t2) / 1000);
                }
                return latency;
            }, pool));
        }
        TimeUnit.SECONDS.sleep(seconds); // the run's length: the load itself, not a wait for a condition
        running.set(false);
        LatencyHistogram all = new LatencyHistogram();
        boolean ok = true;
        for (CompletableFuture<LatencyHistogram> loop : loops) {
            try {
                all.add(loop.get(60, TimeUnit.SECONDS));
            } catch (Exception failed) {
                System.out.println("  " + label + ": an agent failed: " + failed.getCause());
                ok = false;
            }
        }
        long elapsed = System.nanoTime() - start;
        CpuMeter.Sample to = cpu.sample();
        pool.shutdown();
        sessions.forEach(McpSyncClient::closeGracefully);
        System.out.printf(Locale.ROOT, "tool calls, %d agents (heartbeat, claim_lock, release_lock), %s: %,.0f calls/s · "
                        + "p50 %.1f / p99 %.1f / max %.1f ms · %s · %s%n",
                agents, label, all.count() * 1e9 / elapsed, all.percentileMicros(50) / 1000.0, all.percentileMicros(99) / 1000.0,
                all.maxMicros() / 1000.0, cpu.describe(from, to, all.count(), "tool call"), ok ? "checks pass" : "CHECKS FAIL");
        return ok;
    }

    /** {@code wakes} REST claims, each awaited by a session in wait_for_events; true when each woke it with its own claim. */
    private boolean wakeUps(String label, int wakes) throws Exception {
        McpSyncClient waiter = session();
        long issue = createIssue("mcp wake " + label);
        String holder = "wake-" + label.replace(' ', '-');
        long since = jsonLong(call(waiter, "wait_for_events", Map.of("channels", List.of("locks"), "timeout_ms", 0)), EVENT_ID);
        LatencyHistogram wake = new LatencyHistogram();
        LatencyHistogram rest = new LatencyHistogram();
        ExecutorService one = Executors.newSingleThreadExecutor();
        boolean ok = true;
        int parked = 1;
        for (int i = 0; i < wakes && ok; i++) {
            long after = since;
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> call(waiter, "wait_for_events",
                    Map.of("channels", List.of("locks"), "since", after, "timeout_ms", 30_000, "max", 1)), one);
            // measured from a parked wait: the hub counts its waiters (the resource watch is one more)
            parked &= awaitWaiters(2) ? 1 : 0;
            String action = i % 2 == 0 ? "claim" : "release";
            long t0 = System.nanoTime();
            HttpResponse<String> posted = post("api/v1/locks/" + issue + "/" + action, "{\"agent_id\":\"" + holder + "\"}");
            long t1 = System.nanoTime();
            String events = answer.get(60, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            ok = posted.statusCode() == 200 && events.contains("\"issue_id\":" + issue + ",")
                    && events.contains("\"action\":\"" + (action.equals("claim") ? "claimed" : "released") + "\"");
            if (!ok) {
                System.out.println("  " + label + ": wake " + i + " got " + events + " after " + posted.statusCode() + " " + posted.body());
            }
            since = jsonLong(events, EVENT_ID);
            rest.record((t1 - t0) / 1000);
            wake.record((t2 - t0) / 1000);
        }
        one.shutdown();
        waiter.closeGracefully();
        System.out.printf(Locale.ROOT, "wait_for_events wake-up, %d REST lock changes to a parked wait%s, %s: post→answer p50 %.1f / p99 %.1f / max %.1f ms "
                        + "(the REST request alone: p50 %.1f / p99 %.1f ms) · %s%n",
                wake.count(), parked == 1 ? "" : " (some not seen parked within 2 s)", label, wake.percentileMicros(50) / 1000.0, wake.percentileMicros(99) / 1000.0, wake.maxMicros() / 1000.0,
                rest.percentileMicros(50) / 1000.0, rest.percentileMicros(99) / 1000.0, ok ? "checks pass" : "CHECKS FAIL");
        return ok;
    }

    /** Whether the hub shows at least {@code n} readers waiting for events within 2 s (crosslink_hub_feed_waiting). */
    private boolean awaitWaiters(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        Pattern gauge = Pattern.compile("(?m)^crosslink_hub_feed_waiting (\\d+)");
        while (System.nanoTime() < deadline) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/metrics"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (jsonLong(metrics.body(), gauge) >= n) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return false;
    }

    private static void expect(String answer, String fragment) {
        if (!answer.contains(fragment)) {
            throw new IllegalStateException("expected " + fragment + " in " + answer);
        }
    }

    private long createIssue(String title) throws Exception {
        HttpResponse<String> created = post("api/v1/issues", "{\"title\":\"" + title + "\"}");
        if (created.statusCode() != 200) {
            throw new IllegalStateException("issue not created: " + created.statusCode() + " " + created.body());
        }
        return jsonLong(created.body(), Pattern.compile("\"id\":(\\d+)"));
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/" + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long jsonLong(String json, Pattern field) {
        Matcher m = field.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(field + " not in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
