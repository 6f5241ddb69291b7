package dev.crosslinkhub.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One repetition of the mixed scenario: create a fresh pool of issues (so no lock or comment of
 * an earlier run is in the way), open the consoles, let the agents work, wait until every
 * console has every event the agents' acknowledged requests announced, check, close.
 */
final class MixedRun {

    static final List<String> CHANNELS = List.of("agents", "issues", "locks");

    /**
     * Makes agent ids differ between invocations of the tool against one server: an agent the hub
     * already knows is not announced active again, and its stored status would change the events.
     */
    private static final String INVOCATION = Long.toString(System.currentTimeMillis() / 1000, 36);

    static MixedReport run(BenchContext context, Scenario scenario, String label, int runNumber)
            throws InterruptedException {
        BenchOptions options = context.options();
        HubApi api = context.api();
        Scenario.MixedLoad load = scenario.mixed();
        MixedReport report = new MixedReport(scenario, label);
        report.deadlineSeconds = options.deadlineSeconds;
        HubCluster server = context.cluster(); // mixed measures one server: a cluster of one
        Checks checks = report.checks;
        ClientFleet<ConsoleClient> fleet = null;
        int[] baseline = new int[1];
        try {
            baseline = server.baseline(HubCluster.SESSION_WAIT, checks);

            // before the consoles connect: they must see only what the agents do
            long poolStart = System.nanoTime();
            long[] pool = createPool(context, load.issues(), runNumber, report);
            report.poolMillis = (System.nanoTime() - poolStart) / 1_000_000;
            if (pool == null) {
                return report;
            }

            Map<String, Integer> agentIndex = new HashMap<>();
            List<String> agentIds = new ArrayList<>();
            for (int i = 0; i < load.agents(); i++) {
                String id = "mixed-" + INVOCATION + "-r" + runNumber + "-agent-" + i;
                agentIds.add(id);
                agentIndex.put(id, i);
            }
            fleet = ClientFleet.open(context.http(), api.webSocketUri(), options.token, scenario.clients(), options.connectBatch,
                    i -> new ConsoleClient(i, Map.copyOf(agentIndex)));
            report.opened(fleet, "consoles");
            if (fleet.clients.isEmpty()) {
                return report;
            }
            int missing = fleet.subscribe(CHANNELS, HubCluster.SESSION_WAIT);
            if (missing > 0) {
                checks.fail(missing + " consoles got no answer to their subscribe barrier within " + HubCluster.SESSION_WAIT.toSeconds() + " s");
            }
            report.registeredSessions = server.awaitRegistered(new int[] {baseline[0] + fleet.clients.size()}, HubCluster.SESSION_WAIT, checks)
                    .get(0).sessions() - baseline[0];

            List<MixedAgent> agents = work(context, load, agentIds, pool, runNumber, report);

            // every acknowledged request's event was queued before its answer: all are on their way
            long due = 0;
            for (MixedAgent agent : agents) {
                due += agent.changes.size()
                        + agent.succeeded[MixedAgent.Route.PATCH.ordinal()]
                        + agent.succeeded[MixedAgent.Route.COMMENT.ordinal()]
                        + agent.succeeded[MixedAgent.Route.HEARTBEAT.ordinal()];
            }
            for (ConsoleClient console : fleet.clients) {
                console.expect(due);
            }
            report.notDoneAtDeadline = fleet.awaitDone(Duration.ofSeconds(options.deadlineSeconds));
            report.cpuEnd = context.cpu().sample();
            report.cpuMeter = context.cpu();
            report.analyse(agents, fleet.clients.stream().map(ConsoleClient::snapshot).toList());
        } catch (IOException e) {
            checks.fail("REST call failed: " + e.getMessage());
        } finally {
            if (fleet != null) {
                report.settled = server.closeAndSettle(fleet, baseline, HubCluster.CLOSE_WAIT, HubCluster.SESSION_WAIT, "console", checks);
            }
        }
        return report;
    }

    /** {@code POST /issues}, one after the other; null (and a failed check) if any is refused. */
    private static long[] createPool(BenchContext context, int issues, int runNumber, MixedReport report)
            throws InterruptedException, IOException {
        long[] pool = new long[issues];
        for (int i = 0; i < issues; i++) {
            HttpResponse<String> response = context.http().send(
                    context.api().createIssueRequest("mixed run " + runNumber + " issue " + (i + 1)),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                report.checks.fail("POST /api/v1/issues answered " + response.statusCode() + ": "
                        + WireCursor.abbreviate(response.body()) + " (creating the pool)");
                return null;
            }
            pool[i] = HubApi.jsonLong(response.body(), "id");
        }
        return pool;
    }

    /** Starts every agent at once, and returns when the last has finished its last cycle. */
    private static List<MixedAgent> work(BenchContext context, Scenario.MixedLoad load, List<String> agentIds,
                                         long[] pool, int runNumber, MixedReport report) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<MixedAgent> agents = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < agentIds.size(); i++) {
            MixedAgent agent = new MixedAgent(i, agentIds.get(i), context.http(), context.api(), pool,
                    runNumber * 1_000_003L + i, start);
            Thread thread = new Thread(agent, "bench-agent-" + i);
            thread.setDaemon(true);
            thread.start();
            agents.add(agent);
            threads.add(thread);
        }
        report.cpuStart = context.cpu().sample();
        long begin = System.nanoTime();
        report.startNanos = begin;
        agents.forEach(agent -> agent.workUntil(begin + load.seconds() * 1_000_000_000L));
        start.countDown();
        for (Thread thread : threads) {
            thread.join(); // each request has its own timeout
        }
        return agents;
    }

    private MixedRun() {
    }
}
