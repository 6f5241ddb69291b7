package dev.crosslinkhub.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator looks at: health, metrics, the OpenAPI document; and a hub that shrugs off a flood of garbage. */
class OperationsIT extends DeployedHub {

    @Test
    void livenessAndReadinessSayUpWithTheirChecks() {
        Api api = api();
        HttpResponse<String> ready = api.send(HttpRequest.newBuilder(api.serverRoot().resolve("health/ready")).GET());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"database\":\"up\"") && ready.body().matches(".*\"accepting_sessions\":\"?true.*"), ready.body());
        HttpResponse<String> live = api.send(HttpRequest.newBuilder(api.serverRoot().resolve("health/live")).GET());
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"name\":\"hub\""), live.body());
    }

    @Test
    void metricsArePrometheusTextBehindTheToken() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            HttpResponse<String> metrics = api.get("api/v1/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metrics.body().contains("crosslink_hub_channel_sessions{channel=\"locks\"} ")
                    && metrics.body().contains("# TYPE crosslink_hub_fire_to_send_seconds histogram"), metrics.body());
            long fired = count(metrics.body(), "crosslink_hub_events_fired_total{type=\"lock_changed\"}");
            api.post("api/v1/locks/notify", "{\"issue_id\":1,\"action\":\"claimed\",\"agent_id\":\"m\"}");
            client.awaitContaining("lock_changed");
            assertEquals(fired + 1, count(api.get("api/v1/metrics").body(), "crosslink_hub_events_fired_total{type=\"lock_changed\"}"));
        }
        assertEquals(401, api.send(HttpRequest.newBuilder(api.serverRoot().resolve("crosslink-hub/api/v1/metrics")).GET()).statusCode());
    }

    /** Error frames, each a refusal, or a summary of N refusals ("N more messages were refused"). */
    private static long refusals(List<String> messages) {
        long total = 0;
        for (String message : messages) {
            if (message.contains("\"type\":\"error\"") && !message.contains("barrier")) {
                java.util.regex.Matcher summary = java.util.regex.Pattern.compile("\"message\":\"(\\d+) more messages were refused").matcher(message);
                total += summary.find() ? Long.parseLong(summary.group(1)) : 1;
            }
        }
        return total;
    }

    private static long count(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Long.parseLong(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    @Test
    void theOpenApiDocumentListsTheRoutesAndTheErrorShape() {
        Api api = api();
        HttpResponse<String> document = api.send(HttpRequest.newBuilder(api.serverRoot().resolve("openapi")).GET());
        assertEquals(200, document.statusCode());
        assertTrue(document.body().contains("/api/v1/locks/{issueId}/claim") && document.body().contains("ErrorBody")
                && document.body().contains("/api/v1/orchestrator/stages/{id}/done"), document.body().substring(0, Math.min(2000, document.body().length())));
    }

    private static final int MALFORMED = 90;

    @Test
    void ninetyMalformedFramesBackToBackLeaveTheSessionAndTheServerHealthy() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            long refusedBefore = api.metric("crosslink_hub_refused_frames_total");
            // 90 and the three others stay within the 100 messages a second a session may send; a
            // flood past that closes the session (FrameFloodIT). Past 32 waiting, refusals are summed up.
            for (int i = 0; i < MALFORMED; i++) {
                client.send(i % 3 == 0 ? "{not json " + i : i % 3 == 1 ? "{\"type\":\"nonsense\"}" : "[" + i + "]");
            }
            api.post("api/v1/locks/notify", "{\"issue_id\":7,\"action\":\"released\",\"agent_id\":\"after-flood\"}");
            client.awaitContaining("after-flood");
            Await.until("the server refused all " + MALFORMED, () -> api.metric("crosslink_hub_refused_frames_total") == refusedBefore + MALFORMED);
            // Every bad frame is answered: one by one, or counted in a summary once the queue has drained.
            Await.until("every refusal accounted for", () -> refusals(client.messages()) == MALFORMED);
            List<String> all = client.messages();
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, HubClient.seq(all.get(i)), "no gap, no hole: " + all.get(i));
            }
            assertTrue(all.stream().noneMatch(m -> m.contains("\"type\":\"gap\"")), "the flood pushed nothing out");
            client.barrier(); // still open, still answering
            assertEquals(200, api.get("api/v1/health").statusCode());
        }
    }
}
