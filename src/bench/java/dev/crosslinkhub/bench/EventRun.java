package dev.crosslinkhub.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One repetition of an event scenario: open the clients, fire, wait for delivery, check, close.
 * Against a cluster the clients are spread over the instances and every instance fires its share
 * of the events at once; each instance's sessions are counted on that instance.
 */
final class EventRun {

    private static final Duration SESSION_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    static EventReport run(BenchContext context, Scenario scenario, String label, String agentId)
            throws InterruptedException {
        BenchOptions options = context.options();
        HubCluster cluster = context.cluster();
        int instances = cluster.size();
        EventReport report = new EventReport(scenario, label, agentId, instances);
        report.senders = options.senders;
        report.deadlineSeconds = options.deadlineSeconds;
        ClientFleet<BenchClient> fleet = null;
        int[] baseline = new int[instances];
        try {
            List<HubApi.SessionWait> idle = cluster.awaitSessions(new int[instances], SESSION_WAIT);
            for (int k = 0; k < instances; k++) {
                baseline[k] = idle.get(k).sessions();
                if (!idle.get(k).reached()) {
                    report.fail(server(instances, k) + " still had " + baseline[k] + " open sessions before the run (counted as a baseline)");
                }
            }

            boolean rest = scenario.kind() == Scenario.Kind.REST;
            AtomicLongArray sendTimes = rest ? new AtomicLongArray(scenario.events() + 1) : null;
            BenchClient.Expect expect = rest ? BenchClient.Expect.LOCK : BenchClient.Expect.HEARTBEAT;
            // REST: one agent_id whatever instance a request goes to; in-process: one origin per instance
            Origins origins = rest ? Origins.single(agentId, scenario.events()) : Origins.split(agentId, scenario.events(), instances);
            fleet = ClientFleet.open(context.http(), cluster.webSocketUris(), options.token, scenario.clients(), options.connectBatch,
                    i -> new BenchClient(i, i % instances, scenario.isSlowClient(place(i, scenario.clients(), instances)), expect,
                            origins, rest, sendTimes, options.senders));
            report.opened = fleet.clients.size();
            report.openMillis = fleet.openMillis;
            fleet.connectFailures.forEach((why, n) -> report.fail(n + " clients failed to connect: " + why));
            if (fleet.clients.isEmpty()) {
                return report;
            }
            if (rest) {
                int missing = fleet.subscribe("locks", SESSION_WAIT);
                if (missing > 0) {
                    report.fail(missing + " clients got no answer to their subscribe barrier within " + SESSION_WAIT.toSeconds() + " s");
                }
            }
            int[] expected = baseline.clone();
            for (BenchClient client : fleet.clients) {
                expected[client.instance]++;
                report.openedByInstance[client.instance]++;
                if (client.slow) {
                    report.slowByInstance[client.instance]++;
                }
            }
            List<HubApi.SessionWait> registered = cluster.awaitSessions(expected, SESSION_WAIT);
            for (int k = 0; k < instances; k++) {
                HubApi.SessionWait wait = registered.get(k);
                report.registeredByInstance[k] = wait.sessions() - baseline[k];
                report.registeredSessions += wait.sessions() - baseline[k];
                if (!wait.reached()) {
                    report.fail(server(instances, k) + " shows " + wait.sessions() + " sessions, " + expected[k]
                            + " expected, after " + wait.millis() + " ms");
                }
            }

            report.cpuStart = context.cpu().sample();
            report.fireStartNanos = Clock.wallNanos();
            if (rest) {
                report.rest = RestFirer.fire(context.http(), cluster.apis(), scenario.events(), options.senders, agentId, sendTimes);
                if (report.rest.failures() > 0) {
                    report.fail(report.rest.failures() + " of " + report.rest.requests() + " POST /locks/notify failed");
                    report.rest.notes().forEach(report::note);
                }
            } else {
                List<String> failures = new ArrayList<>();
                report.fires = cluster.fire(origins, scenario.rate(), failures);
                failures.forEach(report::fail);
                for (int k = 0; k < instances; k++) {
                    HubApi.FireResult fire = report.fires.get(k);
                    if (fire != null && fire.fired() != origins.events()[k]) {
                        report.fail(server(instances, k) + " fired " + fire.fired()
                                + " of " + origins.events()[k] + " events");
                    }
                }
            }
            report.fireEndNanos = Clock.wallNanos();
            for (BenchClient client : fleet.clients) {
                if (client.slow) {
                    client.resume();
                }
            }
            report.resumeNanos = Clock.wallNanos();

            report.notDoneAtDeadline = fleet.awaitDone(Duration.ofSeconds(options.deadlineSeconds));
            report.allDoneNanos = Clock.wallNanos();
            report.cpuEnd = context.cpu().sample();
            report.cpuMeter = context.cpu();
            List<BenchClient.Result> results = fleet.clients.stream().map(BenchClient::snapshot).toList();
            report.analyse(results, options.deadlineSeconds);

            closeAndSettle(cluster, fleet, baseline, report);
            fleet = null;
        } catch (IOException e) {
            report.fail("REST call failed: " + e.getMessage());
        } finally {
            if (fleet != null) {
                try {
                    closeAndSettle(cluster, fleet, new int[instances], report);
                } catch (IOException e) {
                    report.fail("REST call failed while closing: " + e.getMessage());
                }
            }
        }
        return report;
    }

    private static void closeAndSettle(HubCluster cluster, ClientFleet<BenchClient> fleet, int[] baseline, EventReport report)
            throws InterruptedException, IOException {
        long start = System.nanoTime();
        report.aborted = fleet.closeAll(500, CLOSE_WAIT);
        report.closed = fleet.clients.size() - report.aborted;
        List<HubApi.SessionWait> back = cluster.awaitSessions(baseline, SESSION_WAIT);
        report.settleMillis = (System.nanoTime() - start) / 1_000_000;
        report.sessionsAfter = 0;
        for (int k = 0; k < baseline.length; k++) {
            HubApi.SessionWait wait = back.get(k);
            report.sessionsAfter += wait.sessions();
            if (!wait.reached()) {
                report.fail(server(baseline.length, k) + " still shows " + wait.sessions() + " sessions "
                        + report.settleMillis + " ms after every client closed (" + baseline[k] + " expected)");
            }
        }
    }

    /**
     * Client {@code i}'s place when the clients are counted instance by instance (one server: i).
     * Slow clients are picked by it, so that they are spread over the instances like the others:
     * picked by {@code i}, every tenth client would all land on one instance of two.
     */
    static int place(int i, int clients, int instances) {
        int instance = i % instances;
        int before = 0;
        for (int k = 0; k < instance; k++) {
            before += Origins.share(clients, instances, k);
        }
        return before + i / instances;
    }

    /** Who a message is about: "the server" alone, or one instance of a cluster. */
    private static String server(int instances, int k) {
        return instances == 1 ? "the server" : "instance " + (k + 1);
    }

    private EventRun() {
    }
}
