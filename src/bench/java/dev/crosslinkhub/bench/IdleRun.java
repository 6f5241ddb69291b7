package dev.crosslinkhub.bench;

import java.io.IOException;
import java.time.Duration;

/** One repetition of the idle scenario: server memory per open, idle {@code /ws} connection. */
final class IdleRun {

    private static final Duration SESSION_WAIT = Duration.ofSeconds(60);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    static IdleReport run(BenchContext context, Scenario scenario, String label) throws InterruptedException {
        HubApi api = context.api();
        IdleReport report = new IdleReport(scenario, label);
        ClientFleet<BenchClient> fleet = null;
        int baseline = 0;
        try {
            HubApi.SessionWait idle = api.awaitSessions(0, SESSION_WAIT);
            baseline = idle.sessions();
            if (!idle.reached()) {
                report.fail("the server still had " + baseline + " open sessions before the run (counted as a baseline)");
            }
            report.before = api.memory();

            // no events: each client checks it gets no message at all
            fleet = ClientFleet.open(context.http(), api.webSocketUri(), context.options().token, scenario.clients(), context.options().idleBatch,
                    i -> new BenchClient(i, 0, false, BenchClient.Expect.NOTHING, Origins.single("-", 0), false, null, 1));
            report.opened = fleet.clients.size();
            report.openMillis = fleet.openMillis;
            fleet.connectFailures.forEach((why, n) -> report.fail(n + " clients failed to connect: " + why));

            HubApi.SessionWait registered = api.awaitSessions(baseline + fleet.clients.size(), SESSION_WAIT);
            report.registeredSessions = registered.sessions() - baseline;
            report.registerMillis = registered.millis();
            if (!registered.reached()) {
                report.fail("the server shows " + registered.sessions() + " sessions, " + (baseline + fleet.clients.size())
                        + " expected, after " + registered.millis() + " ms");
            }
            report.after = api.memory();
            report.analyse(fleet.clients.stream().map(BenchClient::snapshot).toList());

            long start = System.nanoTime();
            report.aborted = fleet.closeAll(500, CLOSE_WAIT);
            report.closed = fleet.clients.size() - report.aborted;
            report.closeMillis = (System.nanoTime() - start) / 1_000_000;
            fleet = null;
            HubApi.SessionWait back = api.awaitSessions(baseline, SESSION_WAIT);
            report.settleMillis = (System.nanoTime() - start) / 1_000_000;
            report.sessionsAfter = back.sessions();
            if (!back.reached()) {
                report.fail("the server still shows " + back.sessions() + " sessions " + report.settleMillis
                        + " ms after every client closed (" + baseline + " expected)");
            }
            report.afterClose = back.last();
        } catch (IOException e) {
            report.fail("REST call failed: " + e.getMessage());
        } finally {
            if (fleet != null) {
                report.aborted += fleet.closeAll(500, CLOSE_WAIT);
            }
        }
        return report;
    }

    private IdleRun() {
    }
}
