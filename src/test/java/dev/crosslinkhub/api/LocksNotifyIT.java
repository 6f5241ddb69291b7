package dev.crosslinkhub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** crosslink's trigger, {@code POST /api/v1/locks/notify}, and its bearer-token rule. */
class LocksNotifyIT extends DeployedHub {

    private static final String NOTIFY = "api/v1/locks/notify";

    @Test
    void healthNeedsNoToken() {
        HttpResponse<String> health = api().send(HttpRequest.newBuilder(
                api().request("api/v1/health").build().uri()).GET());
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\",\"version\":\"0.8.0\"}", health.body());
    }

    @Test
    void notifyIsAnnouncedToLockSubscribers() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            HttpResponse<String> response = api.post(NOTIFY, "{\"issue_id\":42,\"action\":\"released\",\"agent_id\":\"worker-1\"}");
            assertEquals(200, response.statusCode());
            assertEquals("{\"ok\":true}", response.body());
            assertEquals("{\"seq\":2,\"action\":\"released\",\"agent_id\":\"worker-1\",\"issue_id\":42,\"type\":\"lock_changed\"}",
                    client.await(2).get(1));
        }
    }

    @Test
    void withoutTheRightTokenNothingHappens() {
        Api api = api();
        String body = "{\"issue_id\":1,\"action\":\"claimed\",\"agent_id\":\"intruder\"}";
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            assertUnauthorized(api.postWithoutToken(NOTIFY, body));
            assertUnauthorized(api.send(HttpRequest.newBuilder(api.request(NOTIFY).build().uri())
                    .header("Authorization", "Bearer wrong-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
            assertUnauthorized(api.send(HttpRequest.newBuilder(api.request(NOTIFY).build().uri())
                    .header("Authorization", "bearer " + Api.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
            assertUnauthorized(api.postWithoutToken("api/v1/no-such-route", body));

            client.barrier();
            assertEquals(2, client.count(), "nothing was broadcast: " + client.messages());
        }
    }

    @Test
    void aBadBodyIs400NamingTheFieldAndNothingIsBroadcast() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            assertBadRequest(api.post(NOTIFY, "{\"action\":\"claimed\",\"agent_id\":\"w\"}"), "issue_id");
            assertBadRequest(api.post(NOTIFY, "{\"issue_id\":1,\"agent_id\":\"w\"}"), "action");
            assertBadRequest(api.post(NOTIFY, "{\"issue_id\":1,\"action\":\"claimed\"}"), "agent_id");
            assertBadRequest(api.post(NOTIFY, "{\"issue_id\":\"one\",\"action\":\"claimed\",\"agent_id\":\"w\"}"), "issue_id");
            assertBadRequest(api.post(NOTIFY, "{\"issue_id\":1,\"action\":\"claimed\",\"agent_id\":\"w\",\"colour\":\"red\"}"), "colour");
            assertBadRequest(api.post(NOTIFY, "{\"issue_id\":1,\"action\":\"claimed\",\"agent_id\":\"" + "w".repeat(4097) + "\"}"),
                    "agent_id");
            assertBadRequest(api.post(NOTIFY, "{\"issue_id\":1,"), "");
            assertBadRequest(api.post(NOTIFY, ""), "");

            HttpResponse<String> stolen = api.post(NOTIFY, "{\"issue_id\":1,\"action\":\"stolen\",\"agent_id\":\"w\"}");
            assertEquals(400, stolen.statusCode());
            assertEquals("{\"error\":\"Invalid lock action 'stolen'. Must be 'claimed' or 'released'\"}", stolen.body());

            client.barrier();
            assertEquals(List.of(), client.messages().subList(1, client.count() - 1), "nothing was broadcast");
        }
    }

    /**
     * Only a POST with a JSON body to exactly this path is a notify; anything else is answered in
     * the API's error shape and announces nothing (on Payara the route is served outside the web
     * container, so it answers these itself).
     */
    @Test
    void otherMethodsTypesAndPathsAreRefusedAndNothingIsBroadcast() {
        Api api = api();
        String body = "{\"issue_id\":7,\"action\":\"claimed\",\"agent_id\":\"w\"}";
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            HttpResponse<String> get = api.get(NOTIFY);
            assertEquals(405, get.statusCode(), get.body());
            assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
            assertEquals("{\"error\":\"method not allowed\"}", get.body());

            HttpResponse<String> text = api.send(api.request(NOTIFY).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(415, text.statusCode(), text.body());
            assertEquals("{\"error\":\"unsupported media type\"}", text.body());

            HttpResponse<String> longer = api.post(NOTIFY + "/more", body);
            assertEquals(404, longer.statusCode(), longer.body());
            assertTrue(longer.body().contains("\"error\":\"not found\""), longer.body());

            client.barrier();
            assertEquals(2, client.count(), "nothing was broadcast: " + client.messages());
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"unauthorized\""), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    private static void assertBadRequest(HttpResponse<String> response, String field) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"bad request\""), response.body());
        assertTrue(response.body().contains(field), "names " + field + ": " + response.body());
    }
}
