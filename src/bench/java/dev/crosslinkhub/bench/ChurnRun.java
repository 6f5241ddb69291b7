package dev.crosslinkhub.bench;

import dev.crosslinkhub.support.Await;
import java.io.IOException;
import java.time.Duration;

/**
 * One repetition of the churn scenario: {@link ConnectionChurn} cycles (clean close, TCP reset,
 * close mid-message, refused by the per-address limit, a quarter each), then what the server
 * holds afterwards against before: its tables, and its heap after GC and RSS.
 */
final class ChurnRun {

    /** The client address refused cycles share (TEST-NET-2): held at the limit while the cycles run. */
    private static final String CROWDED_ADDRESS = "198.51.100.7";
    private static final int MOST_TO_CROWD = 10_000;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration MEMORY_SETTLE = Duration.ofSeconds(150);

    /**
     * @param cold whether this is the scenario's first run in this server: its RSS growth includes
     *             the server's first use of the path (compiled code, a larger heap committed), so
     *             the RSS bound is checked on the runs after it, and only reported on this one
     */
    static ChurnReport run(BenchContext context, Scenario scenario, String label, boolean cold) throws InterruptedException {
        HubApi api = context.api();
        ChurnReport report = new ChurnReport(scenario, label);
        Checks checks = report.checks;
        try {
            report.tablesBefore = api.gauges(ConnectionChurn.TABLES);
            report.before = api.memory();
            ConnectionChurn churn = new ConnectionChurn(api.webSocketUri(), context.options().token, CROWDED_ADDRESS);
            try (ConnectionChurn.Crowd crowd = churn.crowd(MOST_TO_CROWD)) {
                report.perAddressLimit = crowd.size();
                if (crowd.size() == 0) {
                    checks.fail("the hub refused no session of one client address: start it with"
                            + " -Dhub.ws.max-connections-per-address=N (say 40) and -Dhub.trusted-proxies=127.0.0.1");
                    return report;
                }
                report.cpuMeter = context.cpu();
                report.cpuStart = context.cpu().sample();
                report.outcome = churn.run(scenario.events(), scenario.clients());
                report.cpuEnd = context.cpu().sample();
                if (crowd.lost() > 0) {
                    checks.fail(crowd.lost() + " sessions of the full address ended while the cycles ran");
                }
            }
            if (report.outcome.failed() > 0) {
                checks.fail(report.outcome.failed(), "cycles that did not end as they should: " + report.outcome.failures());
            }
            boolean settled = Await.within(SETTLE, Await.Pace.every(Duration.ofMillis(500)),
                    () -> (report.tablesAfter = api.gauges(ConnectionChurn.TABLES)).equals(report.tablesBefore));
            if (!settled) {
                checks.fail("after " + SETTLE.toSeconds() + " s the hub still holds " + report.tablesAfter + ", against "
                        + report.tablesBefore + " before the cycles");
            }
            // Payara keeps the Grizzly objects of closed connections for a minute or more: the heap is
            // read until it is back within the bound, or the wait is over
            long settling = System.nanoTime();
            Await.within(MEMORY_SETTLE, Await.Pace.every(Duration.ofSeconds(5)),
                    () -> (report.after = api.memory()).heapUsedBytes() - report.before.heapUsedBytes() <= ChurnReport.HEAP_SLACK_BYTES);
            report.memorySettleMillis = (System.nanoTime() - settling) / 1_000_000;
            report.checkMemory(cold);
        } catch (IOException e) {
            checks.fail("the run could not go on: " + e.getMessage());
        }
        return report;
    }

    private ChurnRun() {
    }
}
