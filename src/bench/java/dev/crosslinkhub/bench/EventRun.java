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

    static EventReport run(BenchContext context, Scenario scenario, String label, String agentId)
            throws InterruptedException {
        BenchOptions options = context.options();
        HubCluster cluster = context.cluster();
        int instances = cluster.size();
        EventReport report = new EventReport(scenario, label, agentId, instances);
        report.senders = options.senders;
        report.deadlineSeconds = options.deadlineSeconds;
        Checks checks = report.checks;
        ClientFleet<BenchClient> fleet = null;
        int[] baseline = new int[instances];
        try {
            baseline = cluster.baseline(HubCluster.SESSION_WAIT, checks);

            boolean rest = scenario.kind() == Scenario.Kind.REST;
            AtomicLongArray sendTimes = rest ? new AtomicLongArray(scenario.events() + 1) : null;
            BenchClient.Expect expect = rest ? BenchClient.Expect.LOCK : BenchClient.Expect.HEARTBEAT;
            // REST: one agent_id whatever instance a request goes to; in-process: one origin per instance
            Origins origins = rest ? Origins.single(agentId, scenario.events()) : Origins.split(agentId, scenario.events(), instances);
            fleet = ClientFleet.open(context.http(), cluster.webSocketUris(), options.token, scenario.clients(), options.connectBatch,
                    i -> new BenchClient(i, i % instances, scenario.isSlowClient(place(i, scenario.clients(), instances)), expect,
                            origins, rest, sendTimes, options.senders));
            report.opened(fleet, "clients");
            if (fleet.clients.isEmpty()) {
                return report;
            }
            if (rest) {
                int missing = fleet.subscribe("locks", HubCluster.SESSION_WAIT);
                if (missing > 0) {
                    checks.fail(missing + " clients got no answer to their subscribe barrier within " + HubCluster.SESSION_WAIT.toSeconds() + " s");
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
            List<HubApi.SessionWait> registered = cluster.awaitRegistered(expected, HubCluster.SESSION_WAIT, checks);
            for (int k = 0; k < instances; k++) {
                report.registeredByInstance[k] = registered.get(k).sessions() - baseline[k];
                report.registeredSessions += registered.get(k).sessions() - baseline[k];
            }

            boolean stall = scenario.slowClients() > 0 && instances == 1;
            if (stall) {
                report.memoryBefore = cluster.api(0).memory();
            }
            report.cpuStart = context.cpu().sample();
            report.fireStartNanos = Clock.wallNanos();
            if (rest) {
                report.rest = RestFirer.fire(context.http(), cluster.apis(), scenario.events(), options.senders, scenario.rate(), agentId, sendTimes);
                if (report.rest.failures() > 0) {
                    checks.fail(report.rest.failures() + " of " + report.rest.requests() + " POST /locks/notify failed");
                    report.rest.notes().forEach(checks::note);
                }
            } else {
                List<String> failures = new ArrayList<>();
                report.fires = cluster.fire(origins, scenario.rate(), failures);
                failures.forEach(checks::fail);
                for (int k = 0; k < instances; k++) {
                    HubApi.FireResult fire = report.fires.get(k);
                    if (fire != null && fire.fired() != origins.events()[k]) {
                        checks.fail(cluster.server(k) + " fired " + fire.fired()
                                + " of " + origins.events()[k] + " events");
                    }
                }
            }
            report.fireEndNanos = Clock.wallNanos();
            if (stall) {
                // the stalled clients still read nothing: what they cost the server now is the bound
                report.parkedSenders = parkedThroughout(cluster.api(0), checks);
                report.memoryStalled = cluster.api(0).memory();
            }
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
        } catch (IOException e) {
            checks.fail("REST call failed: " + e.getMessage());
        } finally {
            if (fleet != null) {
                report.settled = cluster.closeAndSettle(fleet, baseline, HubCluster.CLOSE_WAIT, HubCluster.SESSION_WAIT, "client", checks);
            }
        }
        return report;
    }

    /**
     * Samples the hub's sender threads 5 times, 400 ms apart, while the slow clients read nothing;
     * returns how many were parked inside a send in every sample. A sender held by a socket that
     * does not drain starves every other client it should serve.
     */
    private static int parkedThroughout(HubApi api, Checks checks) throws IOException, InterruptedException {
        int least = Integer.MAX_VALUE;
        HubApi.Senders last = null;
        for (int sample = 0; sample < 5; sample++) {
            if (sample > 0) {
                Thread.sleep(400); // a sampling interval, not a wait for a condition
            }
            last = api.senders();
            least = Math.min(least, last.parkedInSend());
        }
        if (least > 0) {
            checks.fail(least + " of " + last.threads() + " sender threads stayed parked in a send while clients stalled: "
                    + WireCursor.abbreviate(last.body()));
        }
        return least;
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

    private EventRun() {
    }
}
