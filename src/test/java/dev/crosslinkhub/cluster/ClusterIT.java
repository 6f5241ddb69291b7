package dev.crosslinkhub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.Markers;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two hubs in one data grid, on one PostgreSQL, behind HAProxy, act as one hub: every client on
 * either instance gets every event fired on either, once, in one order; locks have one winner;
 * an agent's status change is announced once; a client resumes on the other instance; tickets
 * and rotations hold cluster-wide; and through each fault of README's failure table (a partition,
 * a crash with changes in flight, a restart from nothing, the grid shut down under load) no
 * acknowledged change is lost silently and a client whose history may have a hole is reset.
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
    /** The ids of one epoch (GridRelay.EPOCH_SPAN): an id divided by it names its epoch. */
    private static final long EPOCH_SPAN = 1_000_000_000L;

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
     * One security state: a ticket issued by one instance is good once on the other, and 100
     * tickets issued and redeemed through HAProxy (which spreads them over both) all succeed; a
     * rotation through HAProxy is refused on both instances within a second (each looks every
     * half second), and sessions of the old token are closed with 4001. The test rotates back.
     */
    @Test
    @Order(6)
    void aTicketIsGoodOnceOnAnyInstanceAndARotationOnOneHoldsOnTheOther() {
        Api viaProxy = api(topology.proxy().baseUri());
        for (int i = 0; i < 100; i++) {
            String issued = viaProxy.post("api/v1/ws-tickets", "").body().replaceAll(".*\"ticket\":\"([0-9a-f]+)\".*", "$1");
            try (HubClient browser = HubClient.connect(URI.create(topology.proxy().webSocketUri() + "?ticket=" + issued),
                    Map.of(), List.of())) {
                browser.barrier(); // connect fails the test on a refusal
            }
        }
        Api rotatedViaProxy = viaProxy.rotateTo("rotated-through-the-proxy");
        // the issue's bound: every hub refuses the old token within a second of the rotation
        Await.until("both instances refuse the old token", Duration.ofSeconds(1),
                () -> first.get("api/v1/locks").statusCode() == 401 && second.get("api/v1/locks").statusCode() == 401);
        rotatedViaProxy.rotateTo(Api.TOKEN);
        Await.until("both instances take the token back", () -> first.get("api/v1/locks").statusCode() == 200
                && second.get("api/v1/locks").statusCode() == 200);

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

    /**
     * A partition: the second instance stops answering (SIGSTOP) for 30 s, past the grid's
     * heartbeat timeout, while changes are made on both sides (those on the frozen side answer
     * once it wakes), then it comes back. The halves go on apart, each in an epoch of its own, and
     * merge. No client ever sees one event id for two events; the instance whose half merged into
     * the other tells its client to re-sync ({@code reset}); the other half's client gets every
     * acknowledged change of both halves, once; a client resuming from before the heal on the
     * other side is reset; and afterwards both instances deliver one history again.
     */
    @Test
    @Order(7)
    void aPartitionHealsWithNoIdForTwoEventsAndResetsTheClientsWhoseHistoryChanged() throws Exception {
        HubInstance firstHub = topology.hub(0);
        HubInstance secondHub = topology.hub(1);
        ExecutorService frozenSide = Executors.newSingleThreadExecutor();
        try (HubClient onFirst = HubClient.connect(firstHub.webSocketUri());
             HubClient onSecond = HubClient.connect(secondHub.webSocketUri())) {
            for (HubClient client : List.of(onFirst, onSecond)) {
                client.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":0}");
            }
            List<Long> acknowledged = new ArrayList<>();
            long before = first.createIssue("before the partition");
            acknowledged.add(before);
            numbered(onFirst, before);
            numbered(onSecond, before);

            secondHub.freeze();
            long frozenAt = System.nanoTime();
            // a client of its own: a connection pooled from before the freeze would be closed as idle when it wakes
            Api toFrozenSide = api(secondHub.baseUri());
            Future<List<Long>> createdOnFrozenSide = frozenSide.submit(() -> createIssues(toFrozenSide, "frozen side", 3));
            int made = 0;
            while (System.nanoTime() - frozenAt < Duration.ofSeconds(30).toNanos()) {
                acknowledged.add(first.createIssue("live side " + made++));
                Thread.sleep(500); // the load's pace over the partition's 30 s, not a wait for a condition
            }
            assertEquals(1, first.metric("crosslink_hub_cluster_members"), "the live side dropped the frozen instance");
            secondHub.thaw();
            acknowledged.addAll(createdOnFrozenSide.get(120, TimeUnit.SECONDS));

            Await.until("the halves merge", Duration.ofSeconds(120), () -> first.metric("crosslink_hub_cluster_members") == 2
                    && second.metric("crosslink_hub_cluster_members") == 2
                    && (firstHub.logText().contains("event=relay-merged") || secondHub.logText().contains("event=relay-merged")));
            boolean firstMerged = firstHub.logText().contains("event=relay-merged");
            HubClient onMerged = firstMerged ? onFirst : onSecond;
            HubClient onOther = firstMerged ? onSecond : onFirst;
            HubInstance otherHub = firstMerged ? secondHub : firstHub;

            long afterOnFirst = first.createIssue("after the heal, on the first");
            long afterOnSecond = second.createIssue("after the heal, on the second");
            acknowledged.add(afterOnFirst);
            acknowledged.add(afterOnSecond);
            for (HubClient client : List.of(onFirst, onSecond)) {
                assertEquals(WireFields.number(WireFields.EVENT_ID, numbered(onFirst, afterOnFirst)),
                        WireFields.number(WireFields.EVENT_ID, numbered(client, afterOnFirst)), "one history again");
                assertEquals(WireFields.number(WireFields.EVENT_ID, numbered(onFirst, afterOnSecond)),
                        WireFields.number(WireFields.EVENT_ID, numbered(client, afterOnSecond)), "one history again");
                assertOneEventPerId(client.messages());
            }

            List<String> mergedMessages = onMerged.messages();
            int reset = indexOf(mergedMessages, "\"type\":\"reset\"");
            assertTrue(reset >= 0, "the client of the half that merged is told to re-sync: " + mergedMessages);
            Await.until("the other half's client gets every acknowledged change, of both halves",
                    () -> WireFields.createdIssues(numberedOnly(onOther.messages())).containsAll(acknowledged));
            List<Long> seen = WireFields.createdIssues(numberedOnly(onOther.messages())).stream()
                    .filter(acknowledged::contains).toList();
            assertEquals(acknowledged.size(), seen.size(), "each once: " + seen);

            String lastBeforeReset = mergedMessages.subList(0, reset).stream().filter(m -> m.contains("\"event_id\""))
                    .reduce((earlier, later) -> later).orElseThrow();
            try (HubClient resuming = HubClient.connect(otherHub.webSocketUri())) {
                resuming.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":"
                        + WireFields.number(WireFields.EVENT_ID, lastBeforeReset) + ",\"epoch\":"
                        + WireFields.number(WireFields.EPOCH, lastBeforeReset) + "}");
                String answer = resuming.awaitContaining("\"type\":\"reset\"");
                assertTrue(answer.contains("\"type\":\"reset\""), "resuming from the merged half's history: " + answer);
            }
        } finally {
            frozenSide.shutdownNow();
            if (topology.hub(1).isAlive()) {
                topology.hub(1).thaw();
            }
        }
    }

    /** No {@code event_id} in these messages names two different events. */
    private static void assertOneEventPerId(List<String> messages) {
        Map<Long, String> byId = new HashMap<>();
        for (String message : numberedOnly(messages)) {
            String event = message.replaceAll("\"seq\":\\d+,?", "").replaceAll("\"epoch\":\\d+,?", "");
            String earlier = byId.putIfAbsent(WireFields.number(WireFields.EVENT_ID, message), event);
            assertTrue(earlier == null || earlier.equals(event), "one id, two events: " + earlier + " and " + event);
        }
    }

    private static List<String> numberedOnly(List<String> messages) {
        return messages.stream().filter(m -> m.contains("\"event_id\"")).toList();
    }

    private static int indexOf(List<String> messages, String fragment) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code kill -9} of one instance while changes are made on it: it may have committed some
     * it never published. The survivor starts a new epoch, so a client resuming from before the
     * crash, on either instance, is reset rather than replayed across a possible hole; clients
     * that stayed on the survivor get every acknowledged change once, in order; and every
     * acknowledged change survives in the database.
     */
    @Test
    @Order(8)
    void killingOneInstanceResetsClientsResumingAcrossItAndLosesNoAcknowledgedChange() throws Exception {
        Api viaProxy = api(topology.proxy().baseUri());
        List<ResumingClient> clients = new ArrayList<>();
        ExecutorService onDoomed = Executors.newSingleThreadExecutor();
        try (HubClient onSurvivor = HubClient.connect(topology.hub(1).webSocketUri())) {
            onSurvivor.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":0}");
            // as an operator would before stopping one: both up, every event backed up, nothing migrating
            Await.until("HAProxy finds both hubs up and the grid backed up", Duration.ofSeconds(60),
                    () -> topology.proxy().serversUp().size() == 2 && first.metric("crosslink_hub_cluster_backed_up") == 1
                            && second.metric("crosslink_hub_cluster_backed_up") == 1);
            for (int i = 0; i < 4; i++) {
                clients.add(new ResumingClient(topology.proxy().webSocketUri(), "issues"));
            }
            List<Long> created = new ArrayList<>();
            String lastBeforeCrash = null;
            for (int i = 0; i < 10; i++) {
                created.add(viaProxy.createIssue("before the crash " + i));
                // each at the survivor before the next: the order across two instances is not what this test is about
                lastBeforeCrash = numbered(onSurvivor, created.get(created.size() - 1));
            }
            // changes in flight on the instance as it dies: some may commit and never be published
            AtomicInteger answered = new AtomicInteger();
            Future<?> inFlight = onDoomed.submit(() -> {
                for (int i = 0; ; i++) {
                    first.post("api/v1/issues", "{\"title\":\"in flight as the instance dies " + i + "\"}");
                    answered.incrementAndGet();
                }
            });
            Await.until("changes are in flight on the doomed instance", () -> answered.get() >= 5);
            topology.hub(0).kill9();
            inFlight.cancel(true);
            // the survivor begins an epoch for the crash before the next change it publishes once it
            // has noticed: until then (a second or so) it still numbers in the old one, and a client
            // resuming there would rightly be replayed. Changes until one carries the new epoch's id.
            long epochBeforeCrash = WireFields.number(WireFields.EVENT_ID, lastBeforeCrash) / EPOCH_SPAN;
            Await.until("the survivor numbers changes in an epoch begun for the crash", Duration.ofSeconds(60), () -> {
                long issue = second.createIssue("as the survivor notices the crash");
                created.add(issue);
                return WireFields.number(WireFields.EVENT_ID, numbered(onSurvivor, issue)) / EPOCH_SPAN != epochBeforeCrash;
            });
            for (int i = 0; i < 10; i++) {
                created.add(viaProxy.createIssue("after the crash " + i));
            }
            Await.until("HAProxy spread the clients, so some were on the killed instance and connect again",
                    Duration.ofSeconds(60), () -> clients.stream().anyMatch(client -> client.reconnects() > 0));
            for (ResumingClient client : clients) {
                if (client.reconnects() > 0) {
                    Await.until("a client resuming across the crash is reset", Duration.ofSeconds(60), () -> client.resets() > 0);
                }
            }
            long lastIssue = viaProxy.createIssue("once every client is back");
            created.add(lastIssue);
            for (ResumingClient client : clients) {
                Await.until("the last change at every client", Duration.ofSeconds(60), () -> client.createdIssues().contains(lastIssue));
                List<Long> eventIds = client.eventIds();
                assertEquals(eventIds.stream().sorted().distinct().toList(), eventIds, "event ids rise, none twice");
            }
            numbered(onSurvivor, lastIssue); // the resumers have it; the client on the survivor may still be reading it
            List<Long> survivorSaw = WireFields.createdIssues(numberedOnly(onSurvivor.messages())).stream()
                    .filter(created::contains).toList();
            assertEquals(created, survivorSaw, "the client that stayed on the survivor: each change once, in order");
            try (HubClient resuming = HubClient.connect(topology.hub(1).webSocketUri())) {
                resuming.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":"
                        + WireFields.number(WireFields.EVENT_ID, lastBeforeCrash) + "}");
                assertTrue(resuming.awaitContaining("\"type\":\"reset\"").contains("reset"),
                        "resuming from before the crash on the survivor: reset, not a replay that may have a hole");
            }
            for (long issue : created) {
                assertEquals(200, viaProxy.get("api/v1/issues/" + issue).statusCode(), "issue " + issue + " survived the crash");
            }
            Await.until("the survivor's metrics show the grid without the killed instance", Duration.ofSeconds(60),
                    () -> second.metric("crosslink_hub_cluster_members") == 1);
        } finally {
            onDoomed.shutdownNow();
            clients.forEach(ResumingClient::close);
        }
    }

    @Test
    @Order(9)
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

    /**
     * The data grid shuts down under a running hub, under load: every request still answers, none
     * held past the relay's bounded wait; the hub turns not ready (HAProxy sends nobody new) and
     * every change committed from then on is counted as unpublished rather than silently lost.
     */
    @Test
    @Order(10)
    @Timeout(300) // a request held by the grid for good fails the test rather than hang the suite
    void withTheGridStoppedUnderLoadRequestsAnswerAndTheUnannouncedAreCounted() throws Exception {
        HubInstance hub = topology.hub(0);
        Api api = api(hub.baseUri());
        long unpublishedBefore = api.metric("crosslink_hub_events_unpublished_total");
        String lastBeforeOutage;
        try (HubClient watching = HubClient.connect(hub.webSocketUri())) {
            watching.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":0}");
            lastBeforeOutage = numbered(watching, api.createIssue("the last one announced before the outage"));
        }
        AtomicBoolean gridStopped = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger answeredAfterStop = new AtomicInteger();
        AtomicLong slowestAfterStop = new AtomicLong();
        ExecutorService load = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> agents = new ArrayList<>();
            for (int agent = 0; agent < 4; agent++) {
                int id = agent;
                agents.add(load.submit(() -> {
                    for (int i = 0; !done.get(); i++) {
                        boolean afterStop = gridStopped.get();
                        long started = System.nanoTime();
                        api.createIssue("agent " + id + " under a grid outage, " + i);
                        answered.incrementAndGet();
                        if (afterStop) {
                            slowestAfterStop.accumulateAndGet(System.nanoTime() - started, Math::max);
                            answeredAfterStop.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Await.until("the load runs", () -> answered.get() >= 20);
            HttpResponse<String> stopped = api.post("api/v1/test-grid/shutdown", "");
            assertEquals(200, stopped.statusCode(), stopped.body());
            gridStopped.set(true);
            Await.until("the hub turns not ready", Duration.ofSeconds(30),
                    () -> ExternalGet.status(hub.serverRoot().resolve("health/ready")) != 200);
            Await.until("changes keep being answered after the grid went", Duration.ofSeconds(60), () -> answeredAfterStop.get() >= 100);
            done.set(true);
            for (Future<?> agent : agents) {
                agent.get(60, TimeUnit.SECONDS); // each request answered 200, or createIssue failed
            }
            long unpublished = api.metric("crosslink_hub_events_unpublished_total") - unpublishedBefore;
            assertTrue(unpublished >= answeredAfterStop.get(),
                    "every change committed after the grid went is counted: " + unpublished + " of " + answeredAfterStop.get());
            long publishWaitNanos = Duration.ofMillis(2000).toNanos(); // hub.cluster.publish-wait-ms, its default
            assertTrue(slowestAfterStop.get() < publishWaitNanos + Duration.ofSeconds(5).toNanos(),
                    "no request is held past the relay's bounded wait: the slowest took "
                            + Duration.ofNanos(slowestAfterStop.get()).toMillis() + " ms");
            assertTrue(hub.logText().contains("event=relay-stopped"), "the hub says why it is not ready");
            try (HubClient resuming = HubClient.connect(hub.webSocketUri())) {
                resuming.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":"
                        + WireFields.number(WireFields.EVENT_ID, lastBeforeOutage) + "}");
                assertTrue(resuming.awaitContaining("\"type\":\"reset\"").contains("reset"),
                        "a client resuming here is told its history has a hole, not that it caught up");
            }
        } finally {
            done.set(true);
            load.shutdownNow();
        }
    }

    /** A plain GET's status, for Payara's own health routes (outside the application, no token). */
    private static final class ExternalGet {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        static int status(URI uri) {
            try {
                return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
