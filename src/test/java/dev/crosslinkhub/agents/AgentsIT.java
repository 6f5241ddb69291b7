package dev.crosslinkhub.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Heartbeats over REST, the status crosslink derives from them, and the sweep that announces it on time. */
class AgentsIT extends DeployedHub {

    private static String agent(String name) {
        return name + "-" + System.nanoTime();
    }

    private static String heartbeat(String agent, Instant at, Long issue) {
        return "{\"agent_id\":\"" + agent + "\",\"machine_id\":\"box-1\",\"last_heartbeat\":\"" + at + "\""
                + (issue == null ? "" : ",\"active_issue_id\":" + issue) + "}";
    }

    /** This agent's events, without their seq: other tests' agents share the hub and turn idle on their own. */
    private static List<String> eventsOf(HubClient client, String agent) {
        return client.messages().stream().filter(m -> m.contains("\"agent_id\":\"" + agent + "\""))
                .map(m -> m.replaceFirst("^\\{\"seq\":\\d+,", "{")).toList();
    }

    @Test
    void aFirstHeartbeatAnnouncesTheAgentAndItsStatus() {
        Api api = api();
        String agent = agent("worker");
        // In the future (it counts as active): this agent must not turn idle while later test classes
        // watch the agents channel, since the whole suite shares one database.
        Instant at = Instant.now().plus(Duration.ofHours(2));
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("agents").barrier();
            HttpResponse<String> response = api.post("api/v1/heartbeats", heartbeat(agent, at, 42L));
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"status\":\"active\""), response.body());

            client.awaitContaining("\"agent_id\":\"" + agent + "\",\"status\"");
            // The same heartbeat again is no news, and the status has not changed.
            api.post("api/v1/heartbeats", heartbeat(agent, at, 42L));
            client.barrier();
            assertEquals(List.of(
                    "{\"active_issue_id\":42,\"agent_id\":\"" + agent + "\",\"timestamp\":\"" + at + "\",\"type\":\"heartbeat\"}",
                    "{\"agent_id\":\"" + agent + "\",\"status\":\"active\",\"type\":\"agent_status\"}"), eventsOf(client, agent));

            String detail = api.get("api/v1/agents/" + agent).body();
            assertTrue(detail.contains("\"machine_id\":\"box-1\"") && detail.contains("\"heartbeat_history\":[\"" + at + "\"]"), detail);
            assertTrue(api.get("api/v1/agents").body().contains("\"agent_id\":\"" + agent + "\""));
        }
    }

    @Test
    void crosslinksDashboardFindsEachAgentUnderItsId() {
        Api api = api();
        String agent = agent("card");
        assertEquals(200, api.post("api/v1/heartbeats", heartbeat(agent, Instant.now().plus(Duration.ofHours(2)), null)).statusCode());

        // Its agent cards take their name and link from agent.id; agent_id stays, as crosslink sends it.
        String list = api.get("api/v1/agents").body();
        Matcher card = Pattern.compile("\\{[^{}]*\"agent_id\":\"" + agent + "\"[^{}]*}").matcher(list);
        assertTrue(card.find(), list);
        assertTrue(card.group().contains("\"id\":\"" + agent + "\""), card.group());
        String detail = api.get("api/v1/agents/" + agent).body();
        assertTrue(detail.contains("\"id\":\"" + agent + "\"") && detail.contains("\"agent_id\":\"" + agent + "\""), detail);
        String nobody = agent("nobody");
        assertTrue(api.get("api/v1/agents/" + nobody).body().contains("\"id\":\"" + nobody + "\""));
    }

    @Test
    void aQuietAgentTurnsIdleOnTimeAndItIsAnnouncedOnce() {
        Api api = api();
        String agent = agent("quiet");
        // Just under five minutes ago: active now, idle within a second or so, by the sweep alone.
        Instant at = Instant.now().minus(Duration.ofMinutes(5)).plusMillis(1500);
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("agents").barrier();
            api.post("api/v1/heartbeats", heartbeat(agent, at, null));
            client.awaitContaining("\"status\":\"active\"");
            String idle = client.awaitContaining("\"status\":\"idle\"");
            assertTrue(idle.endsWith("\"agent_id\":\"" + agent + "\",\"status\":\"idle\",\"type\":\"agent_status\"}"), idle);
            assertTrue(api.get("api/v1/agents/" + agent).body().contains("\"status\":\"idle\""));

            // Another sweep or two later, still exactly one idle announcement.
            client.barrier();
            client.barrier();
            assertEquals(1, eventsOf(client, agent).stream().filter(m -> m.contains("\"status\":\"idle\"")).count());
        }
    }

    @Test
    void anUnknownAgentIsUnknownNot404() {
        HttpResponse<String> response = api().get("api/v1/agents/" + agent("nobody"));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"status\":\"unknown\"") && response.body().contains("\"machine_id\":\"\"")
                && response.body().contains("\"heartbeat_history\":[]"), response.body());
    }

    @Test
    void aLockHeldByASilentAgentIsStale() {
        Api api = api();
        String agent = agent("gone");
        long issue = api.createIssue("left behind");
        api.post("api/v1/heartbeats", heartbeat(agent, Instant.now().minus(Duration.ofHours(2)), issue));
        assertEquals(200, api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"" + agent + "\"}").statusCode());
        String stale = api.get("api/v1/locks/stale").body();
        assertTrue(stale.contains("\"issue_id\":" + issue + ",") && stale.contains("\"is_stale\":true"), stale);
        assertTrue(api.get("api/v1/agents/" + agent).body().contains("\"locks\":[" + issue + "]"));
        assertTrue(api.get("api/v1/agents/" + agent).body().contains("\"status\":\"stale\""));
    }

    @Test
    void aHeartbeatWithoutAgentIdIs400AndAnnouncesNothing() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("agents").barrier();
            HttpResponse<String> response = api.post("api/v1/heartbeats", "{\"machine_id\":\"m\"}");
            assertEquals(400, response.statusCode());
            assertTrue(response.body().contains("agent_id"), response.body());
            assertEquals(400, api.post("api/v1/heartbeats", "{\"agent_id\":\"a\",\"last_heartbeat\":\"yesterday\"}").statusCode());
            client.barrier();
            assertEquals(List.of(), client.messages().stream().filter(m -> m.contains("\"agent_id\":\"a\"")).toList());
        }
    }
}
