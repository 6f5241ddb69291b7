package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import org.junit.jupiter.api.Test;

/**
 * A client that closes gets the server's close frame back (RFC 6455 §5.5.1), not a cut
 * connection: the hub must not end the connection before the container has answered.
 */
class ClosingHandshakeIT extends DeployedHub {

    @Test
    void aClientsCloseIsAnsweredWithACloseFrameAndTheSessionIsFreed() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            Await.until("the session is counted", () -> api.openSessions() >= 1);
            int before = api.openSessions();
            client.sendClose();
            Await.until("the server answers the close", client::isClosed);
            assertEquals(1000, client.closeCode(), "the close echoed, not 1006 for a cut connection");
            Await.until("the hub forgets the session", () -> api.openSessions() == before - 1);
        }
    }
}
