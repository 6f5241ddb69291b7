package dev.crosslinkhub.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Claims and releases over REST: one holder per lock, 409 naming the holder, one event per change. */
class LocksIT extends DeployedHub {

    private long freshIssue() {
        return api().createIssue("lock me");
    }

    private static String who(String agent) {
        return "{\"agent_id\":\"" + agent + "\"}";
    }

    @Test
    void claimListAndReleaseAreEachAnnouncedOnce() {
        Api api = api();
        long issue = freshIssue();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();

            HttpResponse<String> claimed = api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"alice\",\"branch\":\"feature/x\"}");
            assertEquals(200, claimed.statusCode(), claimed.body());
            assertTrue(claimed.body().contains("\"agent_id\":\"alice\"") && claimed.body().contains("\"branch\":\"feature/x\"")
                    && claimed.body().contains("\"issue_id\":" + issue) && claimed.body().contains("\"is_stale\":false"), claimed.body());
            assertTrue(api.get("api/v1/locks").body().contains("\"issue_id\":" + issue + ","));

            assertEquals(200, api.post("api/v1/locks/" + issue + "/claim", who("alice")).statusCode(), "claiming your own lock again is fine");
            HttpResponse<String> taken = api.post("api/v1/locks/" + issue + "/claim", who("bob"));
            assertEquals(409, taken.statusCode());
            assertEquals("{\"detail\":\"Issue #" + issue + " is locked by 'alice'\",\"error\":\"conflict\"}", taken.body());
            assertEquals(409, api.post("api/v1/locks/" + issue + "/release", who("bob")).statusCode());

            HttpResponse<String> released = api.post("api/v1/locks/" + issue + "/release", who("alice"));
            assertEquals("{\"ok\":true}", released.body());
            assertEquals(404, api.post("api/v1/locks/" + issue + "/release", who("alice")).statusCode());
            assertTrue(!api.get("api/v1/locks").body().contains("\"issue_id\":" + issue + ","));

            client.barrier();
            assertEquals(List.of(
                    "{\"seq\":2,\"action\":\"claimed\",\"agent_id\":\"alice\",\"issue_id\":" + issue + ",\"type\":\"lock_changed\"}",
                    "{\"seq\":3,\"action\":\"released\",\"agent_id\":\"alice\",\"issue_id\":" + issue + ",\"type\":\"lock_changed\"}"),
                    client.messages().subList(1, 3));
            assertEquals(4, client.count(), "two barriers and two changes: " + client.messages());
        }
    }

    @Test
    void agentsRacingForOneLockHaveExactlyOneWinner() throws Exception {
        Api api = api();
        long issue = freshIssue();
        int agents = 16;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> claims = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String agent = "racer-" + i;
                claims.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return api.post("api/v1/locks/" + issue + "/claim", who(agent));
                }, pool));
            }
            start.countDown();
            List<HttpResponse<String>> answers = claims.stream().map(CompletableFuture::join).toList();

            List<HttpResponse<String>> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
            assertEquals(1, won.size(), "exactly one winner: " + answers.stream().map(HttpResponse::body).toList());
            String winner = won.get(0).body().replaceAll(".*\"agent_id\":\"(racer-\\d+)\".*", "$1");
            for (HttpResponse<String> answer : answers) {
                if (answer != won.get(0)) {
                    assertEquals(409, answer.statusCode(), answer.body());
                    assertTrue(answer.body().contains("locked by '" + winner + "'"), answer.body());
                }
            }
            client.barrier();
            List<String> events = client.messages().stream().filter(m -> m.contains("lock_changed")).toList();
            assertEquals(1, events.size(), "one announcement: " + events);
            assertTrue(events.get(0).contains("\"agent_id\":\"" + winner + "\""));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badClaimsAre4xxJsonAndChangeNothing() {
        Api api = api();
        long issue = freshIssue();
        HttpResponse<String> noAgent = api.post("api/v1/locks/" + issue + "/claim", "{\"branch\":\"b\"}");
        assertEquals(400, noAgent.statusCode());
        assertTrue(noAgent.body().contains("agent_id"), noAgent.body());
        HttpResponse<String> notANumber = api.post("api/v1/locks/seven/claim", who("alice"));
        assertEquals(404, notANumber.statusCode());
        assertTrue(notANumber.body().startsWith("{"), notANumber.body());
        HttpResponse<String> noSuchIssue = api.post("api/v1/locks/999999999/claim", who("alice"));
        assertEquals(404, noSuchIssue.statusCode());
        assertEquals("{\"detail\":\"Issue #999999999 not found\",\"error\":\"not found\"}", noSuchIssue.body());
        assertEquals(400, api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"a\",\"extra\":1}").statusCode());
        assertTrue(!api.get("api/v1/locks").body().contains("\"issue_id\":" + issue + ","));
    }
}
