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
 * With several comma-separated {@code --url}s it measures the instances of one cluster: the
 * event scenarios spread their clients over the instances and fire on all of them at once.
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
        int instances = options.urls.size();
        List<Scenario> selected = Scenario.select(options.scenario).stream()
                .map(scenario -> scenario.withOverrides(options))
                .toList();
        List<Scenario> scenarios = instances == 1 ? selected : clusterScenarios(selected, instances);

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
        HubCluster cluster = new HubCluster(http, options.urls, options.token);

        if (instances == 1) {
            out.printf(Locale.ROOT, "crosslink-hub benchmark · %s · server %s (%s) · Java %s, %d cores · %d client threads%n",
                    Instant.now(), options.url, cluster.api(0).webSocketUri(), Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), options.clientThreads);
        } else {
            out.printf(Locale.ROOT, "crosslink-hub benchmark · %s · cluster of %d instances · Java %s, %d cores · %d client threads%n",
                    Instant.now(), instances, Runtime.version(), Runtime.getRuntime().availableProcessors(), options.clientThreads);
        }
        List<Long> serverPids = new ArrayList<>();
        for (int k = 0; k < instances; k++) {
            HubApi api = cluster.api(k);
            String url = options.urls.get(k);
            long serverPid = instances == 1 ? options.serverPid : 0;
            try {
                String health = api.health();
                HubApi.Memory memory = api.memory();
                if (serverPid <= 0 && memory.pid() > 0 && api.isLoopback()
                        && java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + memory.pid() + "/stat"))) {
                    serverPid = memory.pid(); // the server told it, and it runs here: its CPU can be measured
                }
                if (instances == 1) {
                    out.printf(Locale.ROOT, "server health %s · RSS %,.1f MB · heap %,.1f MB · %d sessions open · pid %s%n",
                            health.trim(), memory.rssBytes() / 1048576.0, memory.heapUsedBytes() / 1048576.0, memory.sessions(),
                            serverPid > 0 ? serverPid + " (its CPU is measured)" : "unknown (pass --server-pid to measure its CPU)");
                } else {
                    out.printf(Locale.ROOT, "instance %d %s (%s) health %s · RSS %,.1f MB · heap %,.1f MB · %d sessions open · pid %s%n",
                            k + 1, url, api.webSocketUri(), health.trim(), memory.rssBytes() / 1048576.0,
                            memory.heapUsedBytes() / 1048576.0, memory.sessions(),
                            serverPid > 0 ? serverPid + " (its CPU is measured)" : "unknown (not on this machine: no server CPU figures)");
                }
            } catch (IOException e) {
                out.println("cannot use the server at " + url + ": "
                        + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
                return 3;
            }
            serverPids.add(serverPid);
        }
        CpuMeter cpu = new CpuMeter(serverPids);
        if (instances == 1) {
            options.serverPid = serverPids.get(0);
        }
        BenchContext context = new BenchContext(http, cluster, options, cpu);
        out.println("machine load average: " + Clock.loadAverage() + " (1/5/15 min; the server and the tool share this machine)");
        int runs = options.warmup + 1;
        List<String> leftOut = selected.stream().filter(scenario -> !scenarios.contains(scenario)).map(Scenario::name).toList();
        out.printf(Locale.ROOT, "scenarios: %s · each run %d time%s: cold = run 1, warm = run %d%s%n",
                scenarios.stream().map(Scenario::name).toList(), runs, runs == 1 ? "" : "s", runs,
                leftOut.isEmpty() ? "" : " · left out, as they measure one server: " + leftOut);

        ReportWriter writer = new ReportWriter(out);
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
                    case CHURN -> ChurnRun.run(context, scenario, label, run == 1);
                    case MIXED -> MixedRun.run(context, scenario, label, runNumber);
                    case IN_PROCESS, REST -> EventRun.run(context, scenario, label, scenario.agentId(runNumber));
                };
                failures += report.checksFailed();
                if (run == 1 || run == runs || report.checksFailed() > 0) {
                    report.print(writer);
                } else {
                    writer.oneLine(scenario.name(), report.oneLine());
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
        printSummary(out, writer, context, results, failures, (System.nanoTime() - started) / 1e9);
        return failures == 0 ? 0 : 1;
    }

    private static void printSummary(PrintStream out, ReportWriter writer, BenchContext context, List<RunReport[]> results,
                                     long failures, double seconds) {
        writer.summaryHeading("latency: fire→receipt, or send→receipt for rest; the reading clients' for slow;"
                + " answer→receipt of lock_changed for mixed, whose srv column is per request");
        if (context.cluster().size() > 1) {
            out.printf(Locale.ROOT, "cluster of %d instances: %s (server CPU: all of them together)%n",
                    context.cluster().size(), String.join(", ", context.options().urls));
        }
        writer.summaryColumns(context.cpu().measuresServer());
        for (RunReport[] pair : results) {
            for (int i = 0; i < 2; i++) {
                RunReport report = pair[i];
                if (report == null) {
                    continue;
                }
                writer.summaryRow(i == 0 ? report.scenario().name() : "", i == 0 ? "cold" : "warm", report.summaryRow(),
                        report.checksFailed());
            }
        }
        out.printf(Locale.ROOT, "%ntotal checks failed: %d (all runs, warm-up included) · %.0f s%n", failures, seconds);
        out.println(failures == 0 ? "RESULT: PASS" : "RESULT: FAIL");
    }

    /**
     * The scenarios that can measure a cluster: those that fire events (on every instance, or
     * through REST to all of them). The idle, churn and mixed ones measure one server's memory and
     * REST API: they are left out of {@code all}, and refused by name.
     */
    private static List<Scenario> clusterScenarios(List<Scenario> selected, int instances) {
        List<Scenario> kept = new ArrayList<>();
        for (Scenario scenario : selected) {
            if (scenario.kind() == Scenario.Kind.IDLE || scenario.kind() == Scenario.Kind.MIXED || scenario.kind() == Scenario.Kind.CHURN) {
                if (selected.size() == 1) {
                    throw new IllegalArgumentException(scenario.name() + " measures one server: run it with a single --url");
                }
                continue;
            }
            // each instance fires its share: every one must have at least one event, and a rate
            if (scenario.kind() == Scenario.Kind.IN_PROCESS && scenario.events() < instances) {
                throw new IllegalArgumentException(scenario.name() + ": " + scenario.events() + " events cannot be split over "
                        + instances + " instances (--events)");
            }
            if (scenario.kind() == Scenario.Kind.IN_PROCESS && scenario.rate() > 0 && scenario.rate() < instances) {
                throw new IllegalArgumentException(scenario.name() + ": a rate of " + scenario.rate() + "/s cannot be split over "
                        + instances + " instances (--rate)");
            }
            kept.add(scenario);
        }
        return kept;
    }

    private HubBenchmark() {
    }
}
