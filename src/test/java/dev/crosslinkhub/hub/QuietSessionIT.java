package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A session that only listens outlives the server's HTTP timeouts (30 s each on Payara by
 * default, keep-alive and idle), or every quiet console would be cut after half a minute. Through
 * the servlet upgrade the handshake's request stays open; on Payara's listener (the default, {@code
 * hub.upgrade}) the connection leaves HTTP and those timers must be lifted for it.
 */
class QuietSessionIT extends DeployedHub {

    /** Past Payara's HTTP keep-alive and idle timeouts, with some margin for their timers' rounds. */
    private static final Duration QUIET = Duration.ofSeconds(36);

    @Test
    void aListeningSessionStaysOpenPastTheHttpTimeoutsAndStillHearsEvents() {
        Api api = api();
        try (HubClient console = HubClient.connect(api.webSocketUri())) {
            console.subscribe("locks").barrier();
            long quietUntil = System.nanoTime() + QUIET.toNanos();
            // The time itself is what is tested: the client sends nothing meanwhile (it answers the hub's pings).
            Await.until("the quiet time passed, or the session was closed", QUIET.plusSeconds(10),
                    () -> console.isClosed() || System.nanoTime() >= quietUntil);
            assertFalse(console.isClosed(), () -> "the quiet session was closed with " + console.closeCode());

            api.post("api/v1/locks/notify", "{\"issue_id\":5,\"action\":\"claimed\",\"agent_id\":\"after-quiet\"}");
            console.awaitContaining("\"agent_id\":\"after-quiet\"");
        }
    }
}
