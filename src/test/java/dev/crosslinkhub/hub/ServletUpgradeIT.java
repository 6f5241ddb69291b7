package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.OwnHub;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code hub.ws.listener-upgrade=false} gives {@code /ws} on Payara back to the servlet upgrade,
 * the portable path every other container takes, and the hub works there as on the listener:
 * the handshake is judged, a session hears the events of its channel. The rest of the suite runs
 * on the listener, Payara's default.
 */
class ServletUpgradeIT {

    @RegisterExtension
    static final OwnHub hub = OwnHub.with("-Dhub.ws.listener-upgrade=false");

    @Test
    void withTheListenerUpgradeOffSessionsGoThroughTheServletUpgradeAndWorkAlike() throws IOException {
        Api api = hub.api();
        assertEquals(401, HubClient.refusal(api.webSocketUri(), Map.of(), List.of()), "a handshake without a token");
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            api.post("api/v1/locks/notify", "{\"issue_id\":7,\"action\":\"claimed\",\"agent_id\":\"through-the-servlet\"}");
            client.awaitContaining("\"agent_id\":\"through-the-servlet\"");
        }
        assertTrue(hub.log().contains("path=/ws served by the servlet upgrade"), "the hub's log names the servlet upgrade for /ws");
    }
}
