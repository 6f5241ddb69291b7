package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.bench.ConnectionChurn;
import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.ServerHeap;
import dev.crosslinkhub.support.OwnHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that runs for weeks sees millions of {@code /ws} connections come and go: each that
 * closed, however it closed, must be let go by the server under the hub too, or every one costs a
 * few KB of heap for good. On Payara each TCP connection is one Grizzly object, counted on the
 * server's heap after a collection. The hub is started the way {@code mvn -Pstart} starts it (the
 * WAR deployed as the server boots): that is where Payara's HTTP/2 filter once kept every
 * connection that had left HTTP, which the shared test server does not show.
 */
class ClosedConnectionsIT {

    private static final int CYCLES = 2_000;
    private static final int AT_A_TIME = 100;
    private static final String GRIZZLY_CONNECTION = "org.glassfish.grizzly.nio.transport.TCPNIOConnection";
    /** Connections that are not the cycles' and may still be open: the test's own HTTP client's, a few closing ones. */
    private static final int SLACK = CYCLES / 20;

    @RegisterExtension
    static final OwnHub hub = OwnHub.with("-Dhub.ws.max-connections-per-address=40", "-Dhub.trusted-proxies=127.0.0.1");

    @Test
    void connectionsThatClosedEveryWayAreLetGoByTheServer() throws Exception {
        Api api = hub.api();
        ServerHeap heap = new ServerHeap(api.serverPid());
        long before = heap.liveInstances(GRIZZLY_CONNECTION);

        ConnectionChurn churn = new ConnectionChurn(api.webSocketUri(), Api.TOKEN, "198.51.100.9");
        ConnectionChurn.Outcome outcome;
        try (ConnectionChurn.Crowd crowd = churn.crowd(50)) {
            outcome = churn.run(CYCLES, AT_A_TIME);
        }
        assertEquals(0, outcome.failed(), outcome.describe());
        Await.until("the hub's sessions all closed", Duration.ofSeconds(30), () -> api.openSessions() == 0);

        long[] alive = {Long.MAX_VALUE};
        Await.within(Duration.ofSeconds(60), Await.Pace.backingOff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
                () -> (alive[0] = heap.liveInstances(GRIZZLY_CONNECTION)) <= before + SLACK);
        System.out.println("closed connections: " + outcome.describe() + "; Grizzly connections alive " + before + " before, "
                + alive[0] + " after");
        assertTrue(alive[0] <= before + SLACK, "Grizzly connections alive on the server after " + CYCLES
                + " connections came and went: " + alive[0] + ", against " + before + " before them");

        try (HubClient client = HubClient.connect(api.webSocketUri())) { // and the server still serves
            client.subscribe("locks").barrier();
            api.post("api/v1/locks/notify", "{\"issue_id\":3,\"action\":\"claimed\",\"agent_id\":\"after-closes\"}");
            client.awaitContaining("\"agent_id\":\"after-closes\"");
        }
    }
}
