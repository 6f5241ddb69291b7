package dev.crosslinkhub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.Markers;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two hubs in one data grid, on one PostgreSQL, behind HAProxy, act as one hub: every client on
 * either instance gets every event fired on either, once, in one order; locks have one winner;
 * an agent's status change is announced once; a client resumes on the other instance; and when
 * one instance is killed, its clients resume on the survivor through HAProxy with nothing lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static ClusterTopology topology;
    private static Api first;
    private static Api second;

    @BeforeAll
    static void startCluster() {
        topology = ClusterTopology.start("cluster-it", 2);
        first = api(topology.hub(0).baseUri());
        second = api(topology.hub(1).baseUri());
    }

    @AfterAll
    static void stopCluster() {
        if (topology != null) {
            topology.close();
        }
    }

    static Api api(URI base) {
        try {
            return new Api(base.toURL());
        } catch (MalformedURLException e) {
            throw new AssertionError(e);
        }
    }

    /** The issue ids of this client's {@code created} events, in the order they arrived. */
    private static List<Long> createdIssues(HubClient client) {
        return WireFields.createdIssues(client.messages());
    }

    /**
     * The numbered event of an issue's creation at a resuming client. Anything that reached it
     * before the hub read its subscribe carries no event_id and is not it (README, "Resume").
     */
    private static String numbered(HubClient client, long issue) {
        return Await.value("the numbered creation of issue " + issue, () -> client.messages().stream()
                .filter(m -> m.contains("\"event_id\"") && m.contains("\"issue_id\":" + issue + ","))
                .findFirst().orElse(null));
    }

    @Test
    @Order(1)
    void everyEventFiredOnEitherInstanceReachesClientsOnBothOnceInItsOriginsOrder() throws Exception {
        int perOrigin = 25;
        assertEquals(2, first.metric("crosslink_hub_cluster_members"), "the first instance counts both");
        assertEquals(2, second.metric("crosslink_hub_cluster_members"), "the second instance counts both");
        try (HubClient onFirst = HubClient.connect(topology.hub(0).webSocketUri());
             HubClient onSecond = HubClient.connect(topology.hub(1).webSocketUri())) {
            onFirst.subscribe("issues").barrier();
            onSecond.subscribe("issues").barrier();

            ExecutorService origins = Executors.newFixedThreadPool(2);
            try {
                Future<List<Long>> fromFirst = origins.submit(() -> createIssues(first, "first", perOrigin));
                Future<List<Long>> fromSecond = origins.submit(() -> createIssues(second, "second", perOrigin));
                List<Long> firstIds = fromFirst.get();
                List<Long> secondIds = fromSecond.get();
                Set<Long> all = new HashSet<>(firstIds);
                all.addAll(secondIds);

                for (HubClient client : List.of(onFirst, onSecond)) {
                    Await.until("all " + all.size() + " creations on each client",
                            () -> createdIssues(client).containsAll(all));
                }
                // A marker from each origin, fired once every creation was answered: behind it in
                // the one order, so a duplicate of any creation would be in before both markers.
                Markers.await("issues", List.of(first, second), List.of(onFirst, onSecond));
                List<Long> seenOnFirst = createdIssues(onFirst);
                List<Long> seenOnSecond = createdIssues(onSecond);
                assertEquals(all.size(), seenOnFirst.size(), "each event once on the first instance: " + seenOnFirst);
                assertEquals(seenOnFirst, seenOnSecond, "both instances deliver in the same order");
                assertEquals(firstIds, seenOnFirst.stream().filter(firstIds::contains).toList(), "the first origin's order");
                assertEquals(secondIds, seenOnFirst.stream().filter(secondIds::contains).toList(), "the second origin's order");
                for (HubClient client : List.of(onFirst, onSecond)) {
                    List<String> messages = client.messages();
                    assertTrue(messages.stream().noneMatch(m -> m.contains("\"type\":\"gap\"")), "no gap: " + messages);
                    for (int i = 0; i < messages.size(); i++) {
                        assertEquals(i + 1, HubClient.seq(messages.get(i)), "seq counts every message: " + messages);
                    }
                }
            } finally {
                origins.shutdownNow();
            }
        }
    }

    private static List<Long> createIssues(Api api, String origin, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api.createIssue("from the " + origin + " instance, " + i));
        }
        return ids;
    }

    @Test
    @Order(2)
    void twoInstancesRacingForOneLockHaveOneWinner() throws Exception {
        long issue = first.createIssue("raced for across instances");
        int agents = 8;
        try (HubClient onFirst = HubClient.connect(topology.hub(0).webSocketUri());
             HubClient onSecond = HubClient.connect(topology.hub(1).webSocketUri())) {
            onFirst.subscribe("locks").barrier();
            onSecond.subscribe("locks").barrier();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService racers = Executors.newFixedThreadPool(agents);
            try {
                List<Future<Integer>> outcomes = new ArrayList<>();
                for (int i = 0; i < agents; i++) {
                    Api via = i % 2 == 0 ? first : second;
                    String body = "{\"agent_id\":\"racer-" + i + "\",\"branch\":\"race\"}";
                    outcomes.add(racers.submit(() -> {
                        start.await();
                        return via.post("api/v1/locks/" + issue + "/claim", body).statusCode();
                    }));
                }
                start.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> outcome : outcomes) {
                    codes.add(outcome.get());
                }
                assertEquals(1, codes.stream().filter(code -> code == 200).count(), "one winner: " + codes);
                assertEquals(agents - 1, codes.stream().filter(code -> code == 409).count(), "the rest told it is taken: " + codes);
            } finally {
                racers.shutdownNow();
            }
            String claimed = "\"action\":\"claimed\"";
            String ofIssue = "\"issue_id\":" + issue + ",";
            for (HubClient client : List.of(onFirst, onSecond)) {
                client.awaitContaining(ofIssue);
            }
            // Every claim has been answered: a marker from each instance comes after any
            // lock_changed either of them announced for them.
            Markers.await("locks", List.of(first, second), List.of(onFirst, onSecond));
            for (HubClient client : List.of(onFirst, onSecond)) {
                List<String> claims = client.messages().stream().filter(m -> m.contains(ofIssue) && m.contains(claimed)).toList();
                assertEquals(1, claims.size(), "one lock_changed for the one winner: " + client.messages());
            }
        }
    }

    @Test
    @Order(3)
    void anAgentTurningIdleIsAnnouncedOnceForTheWholeCluster() {
        String agent = "cluster-sweep-" + System.nanoTime();
        String later = agent + "-later";
        try (HubClient onFirst = HubClient.connect(topology.hub(0).webSocketUri());
             HubClient onSecond = HubClient.connect(topology.hub(1).webSocketUri())) {
            onFirst.subscribe("agents").barrier();
            onSecond.subscribe("agents").barrier();
            // A heartbeat now, by the server's clock: active, and idle once the test hubs' idle
            // threshold (hub.agents.idle-after-ms, 3 s) has passed; both instances' sweeps see it turn.
            heartbeat(second, agent);
            String idle = "\"agent_id\":\"" + agent + "\",\"status\":\"idle\",\"type\":\"agent_status\"}";
            for (HubClient client : List.of(onFirst, onSecond)) {
                Await.until("the idle announcement", Duration.ofSeconds(30),
                        () -> client.messages().stream().anyMatch(m -> m.endsWith(idle)));
            }
            // The marker: a second agent, heard only now, turns idle a whole idle threshold later,
            // three sweep intervals: by then each instance has swept again since the first agent
            // was due, and an announcement of it by the instance that lost the race would be in.
            heartbeat(first, later);
            String laterIdle = "\"agent_id\":\"" + later + "\",\"status\":\"idle\",\"type\":\"agent_status\"}";
            for (HubClient client : List.of(onFirst, onSecond)) {
                Await.until("the later agent's idle announcement", Duration.ofSeconds(30),
                        () -> client.messages().stream().anyMatch(m -> m.endsWith(laterIdle)));
            }
            String ofAgent = "\"agent_id\":\"" + agent + "\",\"status\":";
            for (HubClient client : List.of(onFirst, onSecond)) {
                List<String> statuses = client.messages().stream().filter(m -> m.contains(ofAgent))
                        .map(m -> m.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1")).toList();
                assertEquals(List.of("active", "idle"), statuses, "each change announced once: " + client.messages());
            }
        }
    }

    /** A heartbeat now, by the server's clock (no last_heartbeat). */
    private static void heartbeat(Api via, String agent) {
        HttpResponse<String> reported = via.post("api/v1/heartbeats", "{\"agent_id\":\"" + agent + "\",\"machine_id\":\"box-1\"}");
        assertEquals(200, reported.statusCode(), reported.body());
    }

    @Test
    @Order(4)
    void aClientResumesOnTheOtherInstanceWithNoHoleAndNoDuplicate() {
        long seen;
        try (HubClient onFirst = HubClient.connect(topology.hub(0).webSocketUri())) {
            onFirst.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":0}");
            long last = first.createIssue("seen on the first instance");
            seen = WireFields.number(WireFields.EVENT_ID, numbered(onFirst, last));
        }
        long missedOnFirst = first.createIssue("missed, fired on the first instance");
        long missedOnSecond = second.createIssue("missed, fired on the second instance");
        try (HubClient onSecond = HubClient.connect(topology.hub(1).webSocketUri())) {
            onSecond.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":" + seen + "}");
            long live = first.createIssue("live after the resume");
            // As a resuming client must (README, "Resume"): what came before the hub read the
            // subscribe carries no event_id and is skipped; the replay has it.
            numbered(onSecond, live);
            List<String> numbered = onSecond.messages().stream().filter(m -> m.contains("\"event_id\"")).toList();
            List<Long> created = WireFields.createdIssues(numbered);
            assertEquals(List.of(missedOnFirst, missedOnSecond, live), created, "exactly what was missed, then live");
            List<Long> eventIds = WireFields.eventIds(numbered);
            assertTrue(eventIds.get(0) > seen, "nothing at or before " + seen + ": " + eventIds);
            assertEquals(eventIds.stream().sorted().distinct().toList(), eventIds, "ids rise, none twice");
        }
    }

    @Test
    @Order(5)
    void aClientThatStopsReadingOnOneInstanceDoesNotHoldUpClientsOnTheOther() {
        int events = 3000;
        String agent = "cluster-flood-" + System.nanoTime();
        try (HubClient stalled = HubClient.connect(topology.hub(0).webSocketUri());
             HubClient reading = HubClient.connect(topology.hub(1).webSocketUri())) {
            stalled.subscribe("agents").barrier();
            reading.subscribe("agents").barrier();
            stalled.pause();
            HttpResponse<String> fired = first.post("api/v1/bench/fire",
                    "{\"count\":" + events + ",\"rate\":0,\"agent_id\":\"" + agent + "\"}");
            assertEquals(200, fired.statusCode(), fired.body());
            String ofAgent = "\"agent_id\":\"" + agent + "\"";
            Await.until("every event at the reading client while the other is stalled", Duration.ofSeconds(60),
                    () -> reading.messages().stream().filter(m -> m.contains(ofAgent)).count() == events);
            List<String> got = reading.messages().stream().filter(m -> m.contains(ofAgent)).toList();
            for (int i = 0; i < events; i++) {
                assertTrue(got.get(i).contains("\"active_issue_id\":" + (i + 1) + ","), "in order: " + got.get(i));
            }
            assertFalse(reading.messages().stream().anyMatch(m -> m.contains("\"type\":\"gap\"")), "the reading client lost nothing");
            assertTrue(stalled.count() < events + 2, "the stalled client really was stalled: " + stalled.count());
        }
    }

    /**
     * One security state: a ticket issued by one instance is good once on the other; a rotation on
     * one is refused on the other too (it looks every half second), and its sessions of the old
     * token are closed with 4001. The test rotates back.
     */
    @Test
    @Order(6)
    void aTicketIsGoodOnceOnAnyInstanceAndARotationOnOneHoldsOnTheOther() {
        String ticket = first.post("api/v1/ws-tickets", "").body().replaceAll(".*\"ticket\":\"([0-9a-f]+)\".*", "$1");
        URI onSecondWithTicket = URI.create(topology.hub(1).webSocketUri() + "?ticket=" + ticket);
        try (HubClient browser = HubClient.connect(onSecondWithTicket, Map.of(), List.of())) {
            browser.barrier();
        }
        assertEquals(401, HubClient.refusal(URI.create(topology.hub(0).webSocketUri() + "?ticket=" + ticket), Map.of(), List.of()),
                "used once, whichever instance is asked");

        try (HubClient onSecond = HubClient.connect(topology.hub(1).webSocketUri())) {
            onSecond.barrier();
            Api rotatedOnFirst = first.rotateTo("the-cluster-rotated-token");
            Api rotatedOnSecond = second.withToken("the-cluster-rotated-token");
            try {
                Await.until("the other instance refuses the old token", () -> second.get("api/v1/locks").statusCode() == 401);
                assertEquals(200, rotatedOnSecond.get("api/v1/locks").statusCode());
                assertEquals(401, HubClient.refusal(topology.hub(1).webSocketUri(), Map.of("Authorization", "Bearer " + Api.TOKEN), List.of()));
                Await.until("the other instance closes its session of the old token", onSecond::isClosed);
                assertEquals(4001, onSecond.closeCode(), "token rotated");
            } finally {
                rotatedOnSecond.rotateTo(Api.TOKEN);
                Await.until("the first instance takes the old token back", () -> first.get("api/v1/locks").statusCode() == 200);
            }
        }
    }

    @Test
    @Order(7)
    void killingOneInstanceLosesNothingItsClientsResumeOnTheSurvivorThroughHaproxy() {
        Api viaProxy = api(topology.proxy().baseUri());
        List<ResumingClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(new ResumingClient(topology.proxy().webSocketUri(), "issues"));
            }
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                created.add(viaProxy.createIssue("before the crash " + i));
            }
            topology.hub(0).kill9();
            for (int i = 0; i < 10; i++) {
                created.add(viaProxy.createIssue("after the crash " + i));
            }
            for (ResumingClient client : clients) {
                Await.until("every creation on a client that may have lost its instance", Duration.ofSeconds(60),
                        () -> client.createdIssues().containsAll(created));
            }
            assertTrue(clients.stream().anyMatch(client -> client.reconnects() > 0),
                    "HAProxy spread the clients, so some were on the killed instance");
            for (ResumingClient client : clients) {
                List<Long> ids = client.createdIssues().stream().filter(created::contains).toList();
                assertEquals(created, ids, "each creation once, in order, across the reconnect");
                List<Long> eventIds = client.eventIds();
                assertEquals(eventIds.stream().sorted().distinct().toList(), eventIds, "event ids rise, none twice");
            }
            for (long issue : created) {
                assertEquals(200, viaProxy.get("api/v1/issues/" + issue).statusCode(), "issue " + issue + " survived the crash");
            }
            Await.until("the survivor's metrics show the grid without the killed instance", Duration.ofSeconds(60),
                    () -> second.metric("crosslink_hub_cluster_members") == 1);
        } finally {
            clients.forEach(ResumingClient::close);
        }
    }

    @Test
    @Order(8)
    void eventIdsKeepRisingWhenTheWholeClusterStartsAgainFromNothing() {
        long before;
        try (HubClient client = HubClient.connect(topology.hub(1).webSocketUri())) {
            client.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":0}");
            long issue = second.createIssue("the last event before the outage");
            before = WireFields.number(WireFields.EVENT_ID, numbered(client, issue));
        }
        second.rotateTo("rotated-before-the-outage");
        topology.restartFromNothing(1);
        Api restarted = api(topology.hub(0).baseUri());
        assertEquals(401, restarted.get("api/v1/locks").statusCode(), "a rotation holds after a restart");
        Api withRotated = restarted.withToken("rotated-before-the-outage");
        assertEquals(200, withRotated.get("api/v1/locks").statusCode());
        withRotated.rotateTo(Api.TOKEN);
        try (HubClient client = HubClient.connect(topology.hub(0).webSocketUri())) {
            client.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":" + before + "}");
            long issue = restarted.createIssue("the first event after the outage");
            long after = WireFields.number(WireFields.EVENT_ID, numbered(client, issue));
            assertTrue(after > before, "event ids never go backwards: " + before + " then " + after);
            assertTrue(client.messages().stream().anyMatch(m -> m.contains("\"type\":\"reset\"")),
                    "a client resuming from before the outage is told what the new grid no longer has: " + client.messages());
        }
    }
}
