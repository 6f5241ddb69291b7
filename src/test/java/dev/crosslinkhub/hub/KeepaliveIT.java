package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The hub pings quiet sessions and drops those that stop answering (tests: ping after 6 s of
 * silence, drop 2 s later), so a dead peer does not hold a queue until TCP notices.
 */
class KeepaliveIT extends DeployedHub {

    @Test
    void aPeerThatNeverAnswersPingsIsDroppedWhileALiveOneStays() throws IOException {
        Api api = api();
        URI ws = api.webSocketUri();
        long before = api.metric("crosslink_hub_keepalive_closes_total");
        try (HubClient alive = HubClient.connect(ws); Socket dead = new Socket(ws.getHost(), ws.getPort())) {
            alive.barrier();
            handshake(dead, ws);
            int withBoth = api.openSessions();

            // The dead peer reads nothing and answers nothing; the JDK client answers pings by itself.
            Await.until("the silent session is dropped", Duration.ofSeconds(30), () -> api.openSessions() == withBoth - 1);
            assertEquals(before + 1, api.metric("crosslink_hub_keepalive_closes_total"));
            alive.barrier();
            assertTrue(!alive.isClosed(), "the live client was pinged and answered");
        }
    }

    /** A bare RFC 6455 handshake over a socket, so that nothing answers the hub's pings afterwards. */
    private static void handshake(Socket socket, URI ws) throws IOException {
        String key = Base64.getEncoder().encodeToString("crosslink-hub-ka".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + ws.getPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + Api.TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("handshake cut: " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    }
}
