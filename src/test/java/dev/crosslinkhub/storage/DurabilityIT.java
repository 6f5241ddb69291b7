package dev.crosslinkhub.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.HubDeployment;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the server acknowledged is still there after a clean restart and after {@code kill -9}. */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityIT {

    private static final String HUB = "hub";
    private static final String AGENT = "durable-" + System.nanoTime();
    private static long issue;
    private static long eventIdBeforeKill;

    /** The event id of one event fired now, read by a client that resumes "from now". */
    private static long fireAndReadEventId(Api api) {
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.send("{\"type\":\"subscribe\",\"channels\":[\"orders\"],\"since\":9223372036854775807}").barrier();
            api.post("api/v1/test-events/orders?count=1&first=1", "");
            String event = client.awaitContaining("order_shipped");
            return Long.parseLong(event.replaceAll("^\\{\"seq\":\\d+,\"event_id\":(\\d+),.*", "$1"));
        }
    }

    @Deployment(name = HUB, managed = false, testable = false)
    static WebArchive deployment() {
        return HubDeployment.withTestApp();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @Order(1)
    void start() {
        deployer.deploy(HUB);
    }

    @Test
    @Order(2)
    void writeThenKillTheServerHard(@ArquillianResource @OperateOnDeployment(HUB) URL base) {
        Api api = new Api(base);
        assertEquals(200, api.post("api/v1/heartbeats", "{\"agent_id\":\"" + AGENT + "\",\"machine_id\":\"box-7\",\"last_heartbeat\":\""
                + Instant.now().plus(java.time.Duration.ofHours(2)) + "\"}").statusCode()); // stays active for the rest of the suite
        issue = api.createIssue("survives");
        assertEquals(200, api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"" + AGENT + "\"}").statusCode());

        eventIdBeforeKill = fireAndReadEventId(api);

        // The moment the answers came back, the data must be on disk: no grace period before the kill.
        ProcessHandle server = ProcessHandle.of(api.serverPid()).orElseThrow();
        server.destroyForcibly();
        Await.until("the server process is gone", Duration.ofSeconds(30), () -> !server.isAlive());
        deployer.undeploy(HUB);
        deployer.deploy(HUB);
    }

    @Test
    @Order(3)
    void everythingAcknowledgedIsStillThere(@ArquillianResource @OperateOnDeployment(HUB) URL base) {
        Api api = new Api(base);
        String agent = api.get("api/v1/agents/" + AGENT).body();
        assertTrue(agent.contains("\"machine_id\":\"box-7\"") && agent.contains("\"locks\":[" + issue + "]"), agent);
        assertTrue(api.get("api/v1/locks").body().contains("\"issue_id\":" + issue + ","));
        long after = fireAndReadEventId(api);
        assertTrue(after > eventIdBeforeKill, "event ids keep rising across a kill -9: " + eventIdBeforeKill + " then " + after);
    }

    @Test
    @Order(4)
    void andAfterACleanRestart() {
        deployer.undeploy(HUB);
        deployer.deploy(HUB);
    }

    @Test
    @Order(5)
    void stillThere(@ArquillianResource @OperateOnDeployment(HUB) URL base) {
        Api api = new Api(base);
        assertTrue(api.get("api/v1/agents/" + AGENT).body().contains("\"machine_id\":\"box-7\""));
        deployer.undeploy(HUB);
    }
}
