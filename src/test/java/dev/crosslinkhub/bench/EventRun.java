package dev.crosslinkhub.bench;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** One repetition of an event scenario: open the clients, fire, wait for delivery, check, close. */
final class EventRun {

    private static final Duration SESSION_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    static EventReport run(BenchContext context, Scenario scenario, String label, String agentId)
            throws InterruptedException {
        BenchOptions options = context.options();
        HubApi api = context.api();
        EventReport report = new EventReport(scenario, label, agentId);
        report.senders = options.senders;
        report.deadlineSeconds = options.deadlineSeconds;
        ClientFleet<BenchClient> fleet = null;
        try {
            HubApi.SessionWait idle = api.awaitSessions(0, SESSION_WAIT);
            int baseline = idle.sessions();
            if (!idle.reached()) {
                report.fail("the server still had " + baseline + " open sessions before the run (counted as a baseline)");
            }

            boolean rest = scenario.kind() == Scenario.Kind.REST;
            AtomicLongArray sendTimes = rest ? new AtomicLongArray(scenario.events() + 1) : null;
            BenchClient.Expect expect = rest ? BenchClient.Expect.LOCK : BenchClient.Expect.HEARTBEAT;
            fleet = ClientFleet.open(context.http(), api.webSocketUri(), options.token, scenario.clients(), options.connectBatch,
                    i -> new BenchClient(i, scenario.isSlowClient(i), expect, agentId, scenario.events(), rest,
                            sendTimes, options.senders));
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
            HubApi.SessionWait registered = api.awaitSessions(baseline + fleet.clients.size(), SESSION_WAIT);
            report.registeredSessions = registered.sessions() - baseline;
            if (!registered.reached()) {
                report.fail("the server shows " + registered.sessions() + " sessions, " + (baseline + fleet.clients.size())
                        + " expected, after " + registered.millis() + " ms");
            }

            report.cpuStart = context.cpu().sample();
            report.fireStartNanos = Clock.wallNanos();
            try {
                if (rest) {
                    report.rest = RestFirer.fire(context.http(), api, scenario.events(), options.senders, agentId, sendTimes);
                    if (report.rest.failures() > 0) {
                        report.fail(report.rest.failures() + " of " + report.rest.requests() + " POST /locks/notify failed");
                        report.rest.notes().forEach(report::note);
                    }
                } else {
                    report.fire = api.fire(scenario.events(), scenario.rate(), agentId);
                    if (report.fire.fired() != scenario.events()) {
                        report.fail("the server fired " + report.fire.fired() + " of " + scenario.events() + " events");
                    }
                }
            } catch (HttpTimeoutException e) {
                report.fail("firing timed out: " + e.getMessage());
            } catch (IOException e) {
                report.fail("firing failed: " + e.getMessage());
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

            closeAndSettle(api, fleet, baseline, report, options);
            fleet = null;
        } catch (IOException e) {
            report.fail("REST call failed: " + e.getMessage());
        } finally {
            if (fleet != null) {
                try {
                    closeAndSettle(api, fleet, 0, report, options);
                } catch (IOException e) {
                    report.fail("REST call failed while closing: " + e.getMessage());
                }
            }
        }
        return report;
    }

    private static void closeAndSettle(HubApi api, ClientFleet<BenchClient> fleet, int baseline, EventReport report, BenchOptions options)
            throws InterruptedException, IOException {
        long start = System.nanoTime();
        report.aborted = fleet.closeAll(500, CLOSE_WAIT);
        report.closed = fleet.clients.size() - report.aborted;
        HubApi.SessionWait back = api.awaitSessions(baseline, SESSION_WAIT);
        report.settleMillis = (System.nanoTime() - start) / 1_000_000;
        report.sessionsAfter = back.sessions();
        if (!back.reached()) {
            report.fail("the server still shows " + back.sessions() + " sessions " + report.settleMillis
                    + " ms after every client closed (" + baseline + " expected)");
        }
    }

    private EventRun() {
    }
}
