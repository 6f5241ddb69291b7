package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The handshake filter is mapped to the exact path {@code /ws}: no spelling of the path that
 * still reaches the endpoint may skip it, nor may the upgrade headers spelled otherwise. Each
 * variant is sent as a raw upgrade request without a token; none may be answered 101.
 */
class HandshakePathsIT extends DeployedHub {

    private static final List<String> VARIANTS = List.of(
            "ws/", "/ws", "ws;x=1", "ws;jsessionid=1", "ws;", "ws/.", "ws/./", "./ws", "x/../ws", "ws%2F", "ws%2f", "%77s", "WS", "Ws",
            "ws/..;/ws", "ws?x=1", "ws?ticket=", "ws#frag", "ws%00", "ws%20", "ws.", "ws%3B");

    @Test
    void noSpellingOfTheWebSocketPathOpensASessionWithoutTheToken() {
        Api api = api();
        URI base = api.webSocketUri().resolve(".");
        assertEquals(101, upgrade(base, "ws", UPGRADE + CONNECTION + "Authorization: Bearer " + Api.TOKEN + "\r\n"),
                "the raw handshake itself is valid");
        Await.until("the valid handshake's session is gone", () -> api.openSessions() == 0);
        List<String> opened = new ArrayList<>();
        for (String variant : VARIANTS) {
            int status = upgrade(base, variant, UPGRADE + CONNECTION);
            if (status == 101) {
                opened.add(variant);
            }
            assertNotEquals(0, status, variant + " got no HTTP answer");
        }
        // and the headers spelled otherwise: mixed case, no Connection, websocket among other tokens or headers
        if (upgrade(base, "ws", "Upgrade: WebSocket\r\n" + CONNECTION) == 101) {
            opened.add("Upgrade: WebSocket");
        }
        if (upgrade(base, "ws", UPGRADE) == 101) {
            opened.add("no Connection header");
        }
        if (upgrade(base, "ws", "Upgrade: websocket, h2c\r\n" + CONNECTION) == 101) {
            opened.add("Upgrade: websocket, h2c");
        }
        if (upgrade(base, "ws", "Upgrade: h2c\r\n" + UPGRADE + CONNECTION) == 101) {
            opened.add("two Upgrade headers");
        }
        if (upgrade(base, "ws", "Upgrade:  websocket \r\n" + CONNECTION) == 101) {
            opened.add("Upgrade with spaces");
        }
        assertEquals(List.of(), opened, "spellings that opened a session without the token");
        assertEquals(0, api.openSessions());

        // DNS rebinding: a hostile page's name resolved to the hub, so its Origin and Host agree. Refused even with the token.
        String rebound = "rebind.example:" + base.getPort();
        assertEquals(403, upgrade(base, "ws", UPGRADE + CONNECTION + "Origin: http://" + rebound + "\r\n"
                + "Authorization: Bearer " + Api.TOKEN + "\r\n", rebound), "a rebound page");
        assertEquals(101, upgrade(base, "ws", UPGRADE + CONNECTION + "Origin: http://" + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: Bearer " + Api.TOKEN + "\r\n"), "the hub's own page on loopback");
    }

    private static final String UPGRADE = "Upgrade: websocket\r\n";
    private static final String CONNECTION = "Connection: Upgrade\r\n";

    /** Sends a WebSocket upgrade for {@code path} (relative to the context) and returns the status, 0 for none. */
    private static int upgrade(URI base, String path, String extraHeaders) {
        return upgrade(base, path, extraHeaders, base.getHost() + ":" + base.getPort());
    }

    private static int upgrade(URI base, String path, String extraHeaders, String host) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + base.getPath() + path + " HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + extraHeaders + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
                return 0;
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException("upgrading " + path, e);
        }
    }
}
