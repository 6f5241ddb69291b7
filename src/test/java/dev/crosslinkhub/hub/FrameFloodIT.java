package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import org.junit.jupiter.api.Test;

/**
 * Every kind of client frame counts against {@code hub.ws.max-frames-per-second} (100 by default):
 * a flood closes the session with 1008, and the hub carries on for everyone else; a burst within
 * the allowance changes nothing.
 */
class FrameFloodIT extends DeployedHub {

    private static final int ALLOWANCE = 100;

    @Test
    void aFloodOfFramesClosesTheSessionWith1008AndTheOthersCarryOn() {
        Api api = api();
        try (HubClient bystander = HubClient.connect(api.webSocketUri());
             HubClient flooder = HubClient.connect(api.webSocketUri())) {
            bystander.subscribe("locks").barrier();
            flooder.subscribe("locks").barrier();
            long sessions = api.metric("crosslink_hub_sessions");
            long floodsBefore = api.metric("crosslink_hub_flood_closes_total");

            // Ten seconds' allowance back to back, pongs and text alike: unless the hub took ten seconds
            // to read them, more than 100 fall in one of its seconds. Sending stops once the hub has closed.
            try {
                for (int i = 0; i < 10 * ALLOWANCE && !flooder.isClosed(); i++) {
                    if (i % 2 == 0) {
                        flooder.sendPong();
                    } else {
                        flooder.subscribe("locks");
                    }
                }
            } catch (RuntimeException closedUnderneath) {
                // the hub closed the socket while frames were still going out
            }

            Await.until("the flooding client is closed", flooder::isClosed);
            assertEquals(1008, flooder.closeCode(), "policy violation");
            Await.until("the hub forgets the flooding session", () -> api.metric("crosslink_hub_sessions") == sessions - 1);
            assertEquals(floodsBefore + 1, api.metric("crosslink_hub_flood_closes_total"), "the metrics count the flood");

            api.post("api/v1/locks/notify", "{\"issue_id\":7,\"action\":\"claimed\",\"agent_id\":\"after-flood\"}");
            bystander.awaitContaining("\"agent_id\":\"after-flood\"");
        }
    }

    @Test
    void aBurstWithinTheAllowanceLeavesTheSessionFullyWorking() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            long floodsBefore = api.metric("crosslink_hub_flood_closes_total");
            // Fewer frames than the allowance, counting the subscribe and both barriers: however fast they come.
            for (int i = 0; i < ALLOWANCE - 10; i++) {
                client.sendPong();
            }
            client.barrier();

            api.post("api/v1/locks/notify", "{\"issue_id\":7,\"action\":\"claimed\",\"agent_id\":\"after-burst\"}");
            client.awaitContaining("\"agent_id\":\"after-burst\"");
            assertFalse(client.isClosed());
            assertEquals(floodsBefore, api.metric("crosslink_hub_flood_closes_total"));
        }
    }
}
