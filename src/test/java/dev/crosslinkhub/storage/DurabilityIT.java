package dev.crosslinkhub.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeploymentAddress;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.HubDeployment;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the server acknowledged is still there after {@code kill -9} and after a clean restart:
 * one test, in phases, each server start a step of it.
 */
@ExtendWith(ArquillianExtension.class)
class DurabilityIT {

    private static final String HUB = "hub";

    /** What the first server acknowledged before it was killed. */
    private record Acknowledged(String agent, long issue, long lastEventId) {
    }

    @Deployment(name = HUB, managed = false, testable = false)
    static WebArchive deployment() {
        return HubDeployment.withTestApp();
    }

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment(HUB)
    DeploymentAddress hub;

    @Test
    void whatTheServerAcknowledgedSurvivesAKillAndACleanRestart() {
        deployer.deploy(HUB);
        try {
            Acknowledged acknowledged = write(hub.api());
            killTheServerHardAndStartItAgain(hub.api());
            everythingAcknowledgedIsStillThere(hub.api(), acknowledged);
            restartCleanly();
            stillThere(hub.api(), acknowledged);
        } finally {
            deployer.undeploy(HUB);
        }
    }

    private static Acknowledged write(Api api) {
        String agent = "durable-" + System.nanoTime();
        assertEquals(200, api.post("api/v1/heartbeats", "{\"agent_id\":\"" + agent + "\",\"machine_id\":\"box-7\",\"last_heartbeat\":\""
                + Instant.now().plus(Duration.ofHours(2)) + "\"}").statusCode()); // stays active for the rest of the suite
        long issue = api.createIssue("survives");
        assertEquals(200, api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"" + agent + "\"}").statusCode());
        return new Acknowledged(agent, issue, fireAndReadEventId(api));
    }

    /** The moment the answers came back, the data must be on disk: no grace period before the kill. */
    private void killTheServerHardAndStartItAgain(Api api) {
        ProcessHandle server = ProcessHandle.of(api.serverPid()).orElseThrow();
        server.destroyForcibly();
        Await.until("the server process is gone", Duration.ofSeconds(30), () -> !server.isAlive());
        deployer.undeploy(HUB);
        deployer.deploy(HUB);
    }

    private static void everythingAcknowledgedIsStillThere(Api api, Acknowledged acknowledged) {
        String agent = api.get("api/v1/agents/" + acknowledged.agent()).body();
        assertTrue(agent.contains("\"machine_id\":\"box-7\"") && agent.contains("\"locks\":[" + acknowledged.issue() + "]"), agent);
        assertTrue(api.get("api/v1/locks").body().contains("\"issue_id\":" + acknowledged.issue() + ","));
        long after = fireAndReadEventId(api);
        assertTrue(after > acknowledged.lastEventId(),
                "event ids keep rising across a kill -9: " + acknowledged.lastEventId() + " then " + after);
    }

    private void restartCleanly() {
        deployer.undeploy(HUB);
        deployer.deploy(HUB);
    }

    private static void stillThere(Api api, Acknowledged acknowledged) {
        String agent = api.get("api/v1/agents/" + acknowledged.agent()).body();
        assertTrue(agent.contains("\"machine_id\":\"box-7\""), agent);
        String locks = api.get("api/v1/locks").body();
        assertTrue(locks.contains("\"issue_id\":" + acknowledged.issue() + ","), locks);
    }

    /** The event id of one event fired now, read by a client that resumes "from now". */
    private static long fireAndReadEventId(Api api) {
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.send("{\"type\":\"subscribe\",\"channels\":[\"orders\"],\"since\":9223372036854775807}").barrier();
            api.post("api/v1/test-events/orders?count=1&first=1", "");
            String event = client.awaitContaining("order_shipped");
            return Long.parseLong(event.replaceAll("^\\{\"seq\":\\d+,\"event_id\":(\\d+),.*", "$1"));
        }
    }
}
