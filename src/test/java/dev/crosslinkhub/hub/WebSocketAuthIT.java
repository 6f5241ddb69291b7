package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /ws} wants the API token by default: as a header, a subprotocol or a ticket; and a same-origin page. */
class WebSocketAuthIT extends DeployedHub {

    private static String host(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Test
    void withoutTheTokenTheHandshakeIsRefusedAndNoSessionIsMade() {
        Api api = api();
        int before = api.openSessions();
        assertEquals(401, HubClient.refusal(api.webSocketUri(), Map.of(), List.of()));
        assertEquals(401, HubClient.refusal(api.webSocketUri(), Map.of("Authorization", "Bearer nope"), List.of()));
        assertEquals(401, HubClient.refusal(api.webSocketUri(), Map.of(), List.of("crosslink.v1", "bearer.nope")));
        assertEquals(401, HubClient.refusal(URI.create(api.webSocketUri() + "?ticket=made-up"), Map.of(), List.of()));
        assertEquals(before, api.openSessions());
    }

    @Test
    void theTokenMayComeAsHeaderSubprotocolOrOneTimeTicket() {
        Api api = api();
        try (HubClient header = HubClient.connect(api.webSocketUri());
             HubClient protocol = HubClient.connect(api.webSocketUri(), Map.of(), List.of("crosslink.v1", "bearer." + Api.TOKEN))) {
            assertEquals("crosslink.v1", protocol.subprotocol());
            header.barrier();
            protocol.barrier();
        }
        HttpResponse<String> issued = api.post("api/v1/ws-tickets", "");
        assertEquals(200, issued.statusCode(), issued.body());
        String ticket = issued.body().replaceAll(".*\"ticket\":\"([0-9a-f]+)\".*", "$1");
        URI withTicket = URI.create(api.webSocketUri() + "?ticket=" + ticket);
        try (HubClient browser = HubClient.connect(withTicket, Map.of(), List.of())) {
            browser.barrier();
        }
        assertEquals(401, HubClient.refusal(withTicket, Map.of(), List.of()), "a ticket works once");
        assertEquals(401, api.postWithoutToken("api/v1/ws-tickets", "").statusCode());
    }

    @Test
    void aPageFromAnotherOriginIsRefused() {
        Api api = api();
        URI ws = api.webSocketUri();
        Map<String, String> token = Map.of("Authorization", "Bearer " + Api.TOKEN);
        assertEquals(403, HubClient.refusal(ws, Map.of("Origin", "http://evil.example", "Authorization", "Bearer " + Api.TOKEN), List.of()));
        try (HubClient sameOrigin = HubClient.connect(ws, Map.of("Origin", "http://" + host(ws), "Authorization", "Bearer " + Api.TOKEN), List.of())) {
            sameOrigin.barrier();
        }
        try (HubClient noOrigin = HubClient.connect(ws, token, List.of())) {
            noOrigin.barrier(); // not a browser: no Origin header, nothing to check
        }
    }

    /** Tests allow 40 sessions per address (hub.ws.max-connections-per-address). */
    /** The tests trust 127.0.0.1 as a proxy (pom.xml: hub.trusted-proxies), as a hub behind HAProxy trusts it. */
    @Test
    void behindATrustedProxyEachForwardedClientIsAnAddressOfItsOwn() {
        Api api = api();
        Await.until("no session left from earlier tests", () -> api.openSessions() == 0);
        long before = api.metric("crosslink_hub_client_addresses");
        Map<String, String> token = Map.of("Authorization", "Bearer " + Api.TOKEN);
        try (HubClient first = HubClient.connect(api.webSocketUri(), with(token, "X-Forwarded-For", "203.0.113.7"), List.of());
             HubClient second = HubClient.connect(api.webSocketUri(), with(token, "X-Forwarded-For", "198.51.100.1, 203.0.113.8"), List.of());
             HubClient again = HubClient.connect(api.webSocketUri(), with(token, "X-Forwarded-For", "203.0.113.7"), List.of())) {
            first.barrier();
            second.barrier();
            again.barrier();
            assertEquals(before + 2, api.metric("crosslink_hub_client_addresses"), "203.0.113.7 and 203.0.113.8, not the proxy's");
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    @Test
    void oneConnectionTooManyFromOneAddressIsClosedWithPolicyViolation() {
        Api api = api();
        List<HubClient> clients = new java.util.ArrayList<>();
        try {
            while (api.openSessions() < 40) {
                clients.add(HubClient.connect(api.webSocketUri()));
                clients.get(clients.size() - 1).barrier();
            }
            HubClient extra = HubClient.connect(api.webSocketUri());
            clients.add(extra);
            Await.until("the 41st session is closed", extra::isClosed);
            assertEquals(1008, extra.closeCode());
            assertEquals(40, api.openSessions());
            clients.get(0).barrier();
        } finally {
            clients.forEach(HubClient::close);
        }
        Await.until("sessions freed", () -> api.openSessions() == 0);
        try (HubClient again = HubClient.connect(api.webSocketUri())) {
            again.barrier(); // closing freed the address' allowance
        }
    }

    /**
     * Rotation: at once here (within a second on the other hubs of a cluster: ClusterIT). Sessions
     * the old token opened, directly or through a ticket, are closed with 4001. The test rotates
     * back; were it cut short in between, the rotation would stay in target/it-data (mvn clean).
     */
    @Test
    void aRotatedTokenWorksAtOnceAndTheOldOneNoLongerNorItsSessions() {
        Api api = api();
        HttpResponse<String> tooShort = api.post("api/v1/auth/rotate", "{\"token\":\"fifteen-chars-x\"}");
        assertEquals(400, tooShort.statusCode(), tooShort.body());
        assertTrue(tooShort.body().contains("at least 16"), tooShort.body());
        assertEquals(200, api.get("api/v1/locks").statusCode(), "the old token still works after a refused rotation");

        String ticket = api.post("api/v1/ws-tickets", "").body().replaceAll(".*\"ticket\":\"([0-9a-f]+)\".*", "$1");
        try (HubClient withOldToken = HubClient.connect(api.webSocketUri());
             HubClient viaOldTicket = HubClient.connect(URI.create(api.webSocketUri() + "?ticket=" + ticket), Map.of(), List.of())) {
            withOldToken.barrier();
            viaOldTicket.barrier();
            Api rotated = api.rotateTo("rotated-token-0123456789");
            try {
                assertEquals(401, api.get("api/v1/locks").statusCode());
                assertEquals(401, HubClient.refusal(api.webSocketUri(), Map.of("Authorization", "Bearer " + Api.TOKEN), List.of()));
                assertEquals(200, rotated.get("api/v1/locks").statusCode());
                try (HubClient client = HubClient.connect(api.webSocketUri(), Map.of("Authorization", "Bearer rotated-token-0123456789"), List.of())) {
                    client.barrier();
                }
                for (HubClient old : List.of(withOldToken, viaOldTicket)) {
                    Await.until("a session of the old token is closed", old::isClosed);
                    assertEquals(4001, old.closeCode(), "token rotated");
                }
            } finally {
                rotated.rotateTo(Api.TOKEN);
            }
        }
        assertEquals(200, api.get("api/v1/locks").statusCode());
    }
}
