package dev.crosslinkhub.bench;

import java.io.IOException;
import java.time.Duration;

/** One repetition of the idle scenario: server memory per open, idle {@code /ws} connection. */
final class IdleRun {

    private static final Duration SESSION_WAIT = Duration.ofSeconds(60);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    static IdleReport run(BenchContext context, Scenario scenario, String label) throws InterruptedException {
        HubApi api = context.api();
        HubCluster server = context.cluster(); // idle measures one server: a cluster of one
        IdleReport report = new IdleReport(scenario, label);
        Checks checks = report.checks;
        ClientFleet<BenchClient> fleet = null;
        int[] baseline = new int[1];
        try {
            baseline = server.baseline(SESSION_WAIT, checks);
            report.before = api.memory();

            // no events: each client checks it gets no message at all
            fleet = ClientFleet.open(context.http(), api.webSocketUri(), context.options().token, scenario.clients(), context.options().idleBatch,
                    i -> new BenchClient(i, 0, false, BenchClient.Expect.NOTHING, Origins.single("-", 0), false, null, 1));
            report.opened(fleet, "clients");

            HubApi.SessionWait registered = server.awaitRegistered(new int[] {baseline[0] + fleet.clients.size()}, SESSION_WAIT, checks)
                    .get(0);
            report.registeredSessions = registered.sessions() - baseline[0];
            report.registerMillis = registered.millis();
            report.after = api.memory();
            report.analyse(fleet.clients.stream().map(BenchClient::snapshot).toList());
        } catch (IOException e) {
            checks.fail("REST call failed: " + e.getMessage());
        } finally {
            if (fleet != null) {
                report.settled = server.closeAndSettle(fleet, baseline, CLOSE_WAIT, SESSION_WAIT, "client", checks);
            }
        }
        if (report.settled != null) {
            report.afterClose = report.settled.waits().get(0).last();
        }
        return report;
    }

    private IdleRun() {
    }
}
