package dev.crosslinkhub.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.Markers;
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

    /** A heartbeat report; {@code at} null leaves the time to the server, as an agent that just beat. */
    private static String heartbeat(String agent, Instant at, Long issue) {
        return "{\"agent_id\":\"" + agent + "\",\"machine_id\":\"box-1\""
                + (at == null ? "" : ",\"last_heartbeat\":\"" + at + "\"")
                + (issue == null ? "" : ",\"active_issue_id\":" + issue) + "}";
    }

    /** The statuses announced for this agent, in order. */
    private static List<String> statusesOf(HubClient client, String agent) {
        return eventsOf(client, agent).stream().filter(m -> m.contains("\"type\":\"agent_status\""))
                .map(m -> m.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1")).toList();
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
            // The same heartbeat again is no news, and the status has not changed: a marker fired
            // after it arrives after anything that heartbeat announced.
            assertEquals(200, api.post("api/v1/heartbeats", heartbeat(agent, at, 42L)).statusCode());
            Markers.await("agents", api, client);
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
        // Sorts after the quiet agent, so that one sweep settles it after the quiet one.
        String later = agent + "-later";
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("agents").barrier();
            // A heartbeat now, by the server's clock: active, and idle once the test hub's idle
            // threshold (hub.agents.idle-after-ms, 3 s) has passed, by the sweep alone.
            HttpResponse<String> beat = api.post("api/v1/heartbeats", heartbeat(agent, null, null));
            assertEquals(200, beat.statusCode(), beat.body());
            assertTrue(beat.body().contains("\"status\":\"active\""), beat.body());
            String idle = client.awaitContaining("\"agent_id\":\"" + agent + "\",\"status\":\"idle\"");
            assertTrue(idle.endsWith("\"agent_id\":\"" + agent + "\",\"status\":\"idle\",\"type\":\"agent_status\"}"), idle);
            assertTrue(api.get("api/v1/agents/" + agent).body().contains("\"status\":\"idle\""));

            // The marker: a second agent, heard only now. Its idle comes from a later sweep than the
            // one that turned the first (its heartbeat postdates that sweep's reading of the agents),
            // and no sooner than a whole idle threshold from now, three sweep intervals: at least one
            // whole sweep runs in between. Its own sweep settles the quiet agent first, too (agents
            // are swept in id order). A second announcement of the quiet agent by any later sweep
            // would be in by the time the marker's is.
            assertEquals(200, api.post("api/v1/heartbeats", heartbeat(later, null, null)).statusCode());
            client.awaitContaining("\"agent_id\":\"" + later + "\",\"status\":\"idle\"");
            assertEquals(List.of("active", "idle"), statusesOf(client, agent), "each change announced once: " + client.messages());
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
            Markers.await("agents", api, client);
            assertEquals(List.of(), client.messages().stream().filter(m -> m.contains("\"agent_id\":\"a\"")).toList());
        }
    }
}
