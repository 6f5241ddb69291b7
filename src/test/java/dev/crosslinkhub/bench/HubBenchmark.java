package dev.crosslinkhub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load tool of crosslink-hub: WebSocket clients on {@code /ws} against a running server
 * started with {@code -Dhub.bench.enabled=true}.
 *
 * <pre>
 * mvn -Pbench test-compile exec:java -Dbench.args="--url http://127.0.0.1:3100 --token T --scenario all"
 * </pre>
 *
 * Each scenario runs {@code --warmup} + 1 times; the first run is reported as cold, the last as
 * warm. The exit code is 1 if any correctness check failed in any run, 2 for bad arguments, 3 if
 * the server cannot be used.
 */
public final class HubBenchmark {

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(BenchOptions.usage());
            code = 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 3;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out) throws InterruptedException {
        BenchOptions options = BenchOptions.parse(args);
        List<Scenario> scenarios = Scenario.select(options.scenario).stream()
                .map(scenario -> scenario.withOverrides(options))
                .toList();

        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.clientThreads, task -> {
            Thread thread = new Thread(task, "bench-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(pool)
                .build();
        HubApi api = new HubApi(http, options.url, options.token);

        out.printf(Locale.ROOT, "crosslink-hub benchmark · %s · server %s (%s) · Java %s, %d cores · %d client threads%n",
                Instant.now(), options.url, api.webSocketUri(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), options.clientThreads);
        long serverPid = options.serverPid;
        try {
            String health = api.health();
            HubApi.Memory memory = api.memory();
            if (serverPid <= 0 && memory.pid() > 0 && api.isLoopback()
                    && java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + memory.pid() + "/stat"))) {
                serverPid = memory.pid(); // the server told it, and it runs here: its CPU can be measured
            }
            out.printf(Locale.ROOT, "server health %s · RSS %,.1f MB · heap %,.1f MB · %d sessions open · pid %s%n",
                    health.trim(), memory.rssBytes() / 1048576.0, memory.heapUsedBytes() / 1048576.0, memory.sessions(),
                    serverPid > 0 ? serverPid + " (its CPU is measured)" : "unknown (pass --server-pid to measure its CPU)");
        } catch (IOException e) {
            out.println("cannot use the server at " + options.url + ": "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            return 3;
        }
        options.serverPid = serverPid;
        BenchContext context = new BenchContext(http, api, options, new CpuMeter(serverPid));
        out.println("machine load average: " + Clock.loadAverage() + " (1/5/15 min; the server and the tool share this machine)");
        int runs = options.warmup + 1;
        out.printf(Locale.ROOT, "scenarios: %s · each run %d time%s: cold = run 1, warm = run %d%n",
                scenarios.stream().map(Scenario::name).toList(), runs, runs == 1 ? "" : "s", runs);

        long started = System.nanoTime();
        List<RunReport[]> results = new ArrayList<>(); // per scenario: {cold, warm}
        long failures = 0;
        int runNumber = 0;
        for (Scenario scenario : scenarios) {
            RunReport cold = null;
            RunReport warm = null;
            for (int run = 1; run <= runs; run++) {
                runNumber++;
                String label = runs == 1 ? "cold (single run, no warm-up)"
                        : run == 1 ? "cold (run 1 of " + runs + ")"
                        : run == runs ? "warm (run " + run + " of " + runs + ", after " + (runs - 1) + " warm-up)"
                        : "warm-up run " + run + " of " + runs;
                RunReport report = switch (scenario.kind()) {
                    case IDLE -> IdleRun.run(context, scenario, label);
                    case MIXED -> MixedRun.run(context, scenario, label, runNumber);
                    case IN_PROCESS, REST -> EventRun.run(context, scenario, label, scenario.agentId(runNumber));
                };
                failures += report.checksFailed();
                if (run == 1 || run == runs || report.checksFailed() > 0) {
                    report.print(out);
                } else {
                    out.printf(Locale.ROOT, "%n--- %s · %s%n", scenario.name(), report.oneLine());
                }
                out.flush();
                if (run == 1) {
                    cold = report;
                }
                if (run == runs && runs > 1) {
                    warm = report;
                }
            }
            results.add(new RunReport[] {cold, warm});
        }
        printSummary(out, context, results, failures, (System.nanoTime() - started) / 1e9);
        return failures == 0 ? 0 : 1;
    }

    private static void printSummary(PrintStream out, BenchContext context, List<RunReport[]> results, long failures,
                                     double seconds) {
        out.printf(Locale.ROOT, "%n=== summary (latency: fire→receipt, or send→receipt for rest; the reading clients' for slow;"
                + " answer→receipt of lock_changed for mixed, whose srv column is per request) ===%n");
        out.printf(Locale.ROOT, "%-18s %-5s %13s %9s %9s %9s %10s %11s%s%n",
                "scenario", "run", "msg/s", "p50 ms", "p99 ms", "max ms", "gaps", "dropped",
                context.options().serverPid > 0 ? "  srv µs/msg" : "");
        for (RunReport[] pair : results) {
            for (int i = 0; i < 2; i++) {
                RunReport report = pair[i];
                if (report == null) {
                    continue;
                }
                out.printf(Locale.ROOT, "%-18s %-5s %s%s%n", i == 0 ? report.scenario().name() : "",
                        i == 0 ? "cold" : "warm", report.summaryRow(),
                        report.checksFailed() > 0 ? "  CHECKS FAILED: " + report.checksFailed() : "");
            }
        }
        out.printf(Locale.ROOT, "%ntotal checks failed: %d (all runs, warm-up included) · %.0f s%n", failures, seconds);
        out.println(failures == 0 ? "RESULT: PASS" : "RESULT: FAIL");
    }

    private HubBenchmark() {
    }
}
