package dev.crosslinkhub.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.StandaloneHub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server acknowledged is still there after {@code kill -9} and after a clean restart:
 * one test, in phases, each server start a step of it. The server is one of its own, on a database
 * of its own, so that what a kill does to that file touches no other test.
 */
class DurabilityIT {

    @TempDir
    static Path dataDir;

    /** What the first server acknowledged before it was killed. */
    private record Acknowledged(String agent, long issue, long lastEventId) {
    }

    @Test
    void whatTheServerAcknowledgedSurvivesAKillAndACleanRestart() {
        StandaloneHub first = StandaloneHub.start(dataDir, List.of());
        Acknowledged acknowledged;
        try {
            acknowledged = write(first.api());
        } finally {
            first.kill(); // the moment the answers came back, the data must be on disk: no grace before the kill
        }
        try (StandaloneHub afterTheKill = StandaloneHub.start(dataDir, List.of())) {
            everythingAcknowledgedIsStillThere(afterTheKill.api(), acknowledged);
        }
        try (StandaloneHub afterACleanStop = StandaloneHub.start(dataDir, List.of())) {
            stillThere(afterACleanStop.api(), acknowledged);
        }
    }

    private static Acknowledged write(Api api) {
        String agent = "durable-" + System.nanoTime();
        assertEquals(200, api.post("api/v1/heartbeats", "{\"agent_id\":\"" + agent + "\",\"machine_id\":\"box-7\",\"last_heartbeat\":\""
                + Instant.now().plus(Duration.ofHours(2)) + "\"}").statusCode()); // stays active through the test
        long issue = api.createIssue("survives");
        assertEquals(200, api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"" + agent + "\"}").statusCode());
        return new Acknowledged(agent, issue, fireAndReadEventId(api));
    }

    private static void everythingAcknowledgedIsStillThere(Api api, Acknowledged acknowledged) {
        String agent = api.get("api/v1/agents/" + acknowledged.agent()).body();
        assertTrue(agent.contains("\"machine_id\":\"box-7\"") && agent.contains("\"locks\":[" + acknowledged.issue() + "]"), agent);
        assertTrue(api.get("api/v1/locks").body().contains("\"issue_id\":" + acknowledged.issue() + ","));
        long after = fireAndReadEventId(api);
        assertTrue(after > acknowledged.lastEventId(),
                "event ids keep rising across a kill -9: " + acknowledged.lastEventId() + " then " + after);
    }

    private static void stillThere(Api api, Acknowledged acknowledged) {
        String agent = api.get("api/v1/agents/" + acknowledged.agent()).body();
        assertTrue(agent.contains("\"machine_id\":\"box-7\""), agent);
        String locks = api.get("api/v1/locks").body();
        assertTrue(locks.contains("\"issue_id\":" + acknowledged.issue() + ","), locks);
    }

    /** The event id of one event made now (an issue's creation), read by a client that resumes "from now". */
    private static long fireAndReadEventId(Api api) {
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.send("{\"type\":\"subscribe\",\"channels\":[\"issues\"],\"since\":9223372036854775807}").barrier();
            long issue = api.createIssue("an event to number");
            String event = client.awaitContaining("\"issue_id\":" + issue + ",");
            return Long.parseLong(event.replaceAll("^\\{\"seq\":\\d+,\"epoch\":\\d+,\"event_id\":(\\d+),.*", "$1"));
        }
    }
}
