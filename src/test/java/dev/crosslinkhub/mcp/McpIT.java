package dev.crosslinkhub.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Agents over MCP: the SDK's own client against the deployed hub's {@code /mcp}, beside REST and {@code /ws}. */
class McpIT extends DeployedHub {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";

    private URI mcp() {
        return api().serverRoot().resolve(api().webSocketUri().getPath().replaceFirst("ws$", "mcp"));
    }

    private AgentSession agent() {
        return AgentSession.open(mcp());
    }

    @Test
    void anAgentInitializesAndListsEveryCoordinationToolWithItsSchema() {
        try (AgentSession agent = agent()) {
            List<McpSchema.Tool> tools = agent.client().listTools().tools();
            assertEquals(Set.of("claim_lock", "release_lock", "heartbeat", "list_issues", "get_issue", "create_issue", "comment",
                    "close_issue", "ready_issues", "list_locks", "list_agents", "stage_running", "stage_done", "stage_failed",
                    "wait_for_events"), tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()));
            McpSchema.Tool claim = tools.stream().filter(t -> t.name().equals("claim_lock")).findFirst().orElseThrow();
            assertEquals("object", claim.inputSchema().get("type"));
            assertEquals(List.of("issue_id", "agent_id"), claim.inputSchema().get("required"));
            assertEquals("crosslink-hub", agent.client().getServerInfo().name());
        }
    }

    @Test
    void withoutTheTokenIs401AndAForeignPageIs403() {
        Api api = api();
        HttpResponse<String> anonymous = api.send(HttpRequest.newBuilder(mcp()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)));
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("{\"detail\":\"missing Authorization: Bearer <token> header\",\"error\":\"unauthorized\"}", anonymous.body());

        HttpResponse<String> foreign = api.send(api.request(mcp().toString()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Origin", "http://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("origin http://attacker.example is not allowed"), foreign.body());

        HttpResponse<String> allowed = api.send(api.request(mcp().toString()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)));
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertTrue(allowed.headers().firstValue("Mcp-Session-Id").isPresent(), allowed.headers().map().toString());
    }

    @Test
    void twoAgentsRacingForALockHaveOneWinnerTheOtherIsToldTheHolderAndWsSeesOneChange() throws Exception {
        long issue = api().createIssue("raced over MCP");
        try (AgentSession alice = agent(); AgentSession bob = agent();
             HubClient console = HubClient.connect(api().webSocketUri())) {
            console.subscribe("locks").barrier();
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<McpSchema.CallToolResult> byAlice = CompletableFuture.supplyAsync(() -> claim(start, alice, issue, "alice"));
            CompletableFuture<McpSchema.CallToolResult> byBob = CompletableFuture.supplyAsync(() -> claim(start, bob, issue, "bob"));
            start.countDown();
            List<McpSchema.CallToolResult> results = List.of(byAlice.get(), byBob.get());

            List<McpSchema.CallToolResult> won = results.stream().filter(r -> !r.isError()).toList();
            assertEquals(1, won.size(), "one winner: " + results);
            String winner = AgentSession.text(won.get(0)).contains("\"agent_id\":\"alice\"") ? "alice" : "bob";
            McpSchema.CallToolResult lost = results.stream().filter(McpSchema.CallToolResult::isError).findFirst().orElseThrow();
            assertEquals("{\"detail\":\"Issue #" + issue + " is locked by '" + winner + "'\",\"error\":\"conflict\"}",
                    AgentSession.text(lost));

            // the release is announced after the claim: once it is here, any second claim would be too
            McpSchema.CallToolResult released = (winner.equals("alice") ? alice : bob)
                    .call("release_lock", Map.of("issue_id", issue, "agent_id", winner));
            assertEquals("{\"ok\":true}", AgentSession.text(released));
            console.awaitContaining("\"action\":\"released\",\"agent_id\":\"" + winner + "\",\"issue_id\":" + issue + ",");
            List<String> changes = console.messages().stream().filter(m -> m.contains("\"issue_id\":" + issue + ",")).toList();
            assertEquals(List.of(
                    "\"action\":\"claimed\",\"agent_id\":\"" + winner + "\",\"issue_id\":" + issue + ",\"type\":\"lock_changed\"}",
                    "\"action\":\"released\",\"agent_id\":\"" + winner + "\",\"issue_id\":" + issue + ",\"type\":\"lock_changed\"}"),
                    changes.stream().map(m -> m.substring(m.indexOf(",") + 1)).toList());
        }
    }

    private static McpSchema.CallToolResult claim(CountDownLatch start, AgentSession agent, long issue, String who) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return agent.call("claim_lock", Map.of("issue_id", issue, "agent_id", who, "branch", "feature/" + who));
    }

    @Test
    void waitForEventsWakesWithAChangeMadeOverRest() throws Exception {
        try (AgentSession agent = agent()) {
            String now = AgentSession.text(agent.call("wait_for_events", Map.of("channels", List.of("issues"), "timeout_ms", 0)));
            assertTrue(now.contains("\"events\":[]"), now);
            long since = number(now, "next_since");
            long epoch = number(now, "epoch");

            CompletableFuture<McpSchema.CallToolResult> waiting = CompletableFuture.supplyAsync(() -> agent.call("wait_for_events",
                    Map.of("channels", List.of("issues"), "since", since, "epoch", epoch, "timeout_ms", 30_000)));
            long issue = api().createIssue("wakes the waiting agent");
            String answer = AgentSession.text(waiting.get());
            assertTrue(answer.contains("\"issue_id\":" + issue + ",") && answer.contains("\"type\":\"issue_updated\""),
                    "the REST change, not a timeout's empty answer: " + answer);
            assertTrue(answer.startsWith("{\"epoch\":" + epoch + ",\"events\":[{\"epoch\":" + epoch + ",\"event_id\":" + (since + 1) + ","),
                    answer);

            String otherEpoch = AgentSession.text(agent.call("wait_for_events",
                    Map.of("channels", List.of("issues"), "since", since, "epoch", epoch + 1, "timeout_ms", 0)));
            assertTrue(otherEpoch.contains("\"type\":\"reset\""), "ids of another epoch are reset, never replayed: " + otherEpoch);
        }
    }

    @Test
    void moreAgentsWaitingThanTheServerHasHttpThreadsLeaveTheHubAnsweringAndAllWake() throws Exception {
        int agents = 8; // Payara serves the hub's HTTP on 4 threads (src/main/payara/pre-boot-commands.asadmin)
        Api api = api();
        List<AgentSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < agents; i++) {
                sessions.add(agent());
            }
            long since = number(AgentSession.text(sessions.get(0).call("wait_for_events",
                    Map.of("channels", List.of("issues"), "timeout_ms", 0))), "next_since");
            List<CompletableFuture<McpSchema.CallToolResult>> waits = sessions.stream()
                    .map(session -> CompletableFuture.supplyAsync(() -> session.call("wait_for_events",
                            Map.of("channels", List.of("issues"), "since", since, "timeout_ms", 30_000))))
                    .toList();
            // the REST API answers while they wait: the metric itself, then the change that wakes them
            Await.until("every agent parked in its wait (and the resource watch)",
                    () -> api.metric("crosslink_hub_feed_waiting") >= agents + 1);
            long issue = api.createIssue("wakes every waiting agent");
            for (CompletableFuture<McpSchema.CallToolResult> wait : waits) {
                String answer = AgentSession.text(wait.get(60, java.util.concurrent.TimeUnit.SECONDS));
                assertTrue(answer.contains("\"issue_id\":" + issue + ","), answer);
            }
        } finally {
            sessions.forEach(AgentSession::close);
        }
    }

    @Test
    void aBadArgumentIsAToolErrorNamingItAndWritesNothing() {
        Api api = api();
        try (AgentSession agent = agent(); HubClient console = HubClient.connect(api.webSocketUri())) {
            console.subscribe("issues").barrier();
            McpSchema.CallToolResult mistyped = agent.call("claim_lock", Map.of("issue_id", "seven", "agent_id", "alice"));
            assertTrue(mistyped.isError(), mistyped.toString());
            assertTrue(AgentSession.text(mistyped).contains("issue_id"), AgentSession.text(mistyped));

            String title = "never filed " + System.nanoTime();
            McpSchema.CallToolResult refused = agent.call("create_issue", Map.of("title", title, "labels", List.of("fine", "x".repeat(200))));
            assertTrue(refused.isError(), refused.toString());
            assertEquals("{\"detail\":\"label is longer than 128 bytes\",\"error\":\"bad request\"}", AgentSession.text(refused));
            assertFalse(api.get("api/v1/issues?status=all&search=" + title.replace(" ", "%20")).body().contains(title),
                    "the issue of a refused call is rolled back with its labels");

            long marker = api.createIssue("after the refused call");
            console.awaitContaining("\"issue_id\":" + marker + ",");
            assertEquals(List.of(), console.messages().stream().filter(m -> m.contains("issue_updated"))
                            .filter(m -> !m.contains("\"issue_id\":" + marker + ",")).toList(),
                    "nothing of the refused call was announced");

            McpSchema.CallToolResult filed = agent.call("create_issue", Map.of("title", title, "labels", List.of("mcp")));
            assertFalse(filed.isError(), filed.toString());
            assertTrue(AgentSession.text(filed).contains("\"labels\":[\"mcp\"]"), AgentSession.text(filed));
        }
    }

    @Test
    void anAgentReadsIssuesAndLocksAsResourcesAndHearsOnlyOfThoseItSubscribedTo() {
        Api api = api();
        long watched = api.createIssue("watched over MCP");
        long other = api.createIssue("not watched");
        List<String> updates = new CopyOnWriteArrayList<>();
        try (AgentSession agent = AgentSession.open(mcp(), contents -> contents.forEach(c -> updates.add(c.uri() + " "
                + ((McpSchema.TextResourceContents) c).text())))) {
            String uri = "crosslink://issues/" + watched;
            McpSchema.ReadResourceResult read = agent.client().readResource(new McpSchema.ReadResourceRequest(uri));
            String issue = ((McpSchema.TextResourceContents) read.contents().get(0)).text();
            assertTrue(issue.contains("\"title\":\"watched over MCP\""), issue);
            assertEquals(api.get("api/v1/issues/" + watched).body(), issue, "the resource is the REST answer");
            String locks = ((McpSchema.TextResourceContents) agent.client()
                    .readResource(new McpSchema.ReadResourceRequest("crosslink://locks")).contents().get(0)).text();
            assertTrue(locks.startsWith("{\"items\":["), locks);

            agent.client().subscribeResource(new McpSchema.SubscribeRequest(uri));
            assertEquals(200, api.post("api/v1/issues/" + other + "/comments", "{\"content\":\"unwatched change\"}").statusCode());
            assertEquals(200, api.post("api/v1/issues/" + watched + "/comments", "{\"content\":\"first change\"}").statusCode());
            Await.until("the update of the subscribed issue, re-read: " + updates,
                    () -> updates.stream().anyMatch(u -> u.startsWith(uri + " ") && u.contains("first change")));
            assertEquals(List.of(), updates.stream().filter(u -> !u.startsWith(uri + " ")).toList(),
                    "the change of an issue nobody subscribed to came first and was not sent");
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
