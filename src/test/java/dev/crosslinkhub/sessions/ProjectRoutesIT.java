package dev.crosslinkhub.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** config, usage, sync and knowledge: the routes tied to crosslink's git storage, as this server answers them. */
class ProjectRoutesIT extends DeployedHub {

    private HttpResponse<String> patch(String path, String body) {
        return api().send(api().request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void configHasCrosslinksDefaultsAndChangesValidated() {
        Api api = api();
        assertTrue(api.get("api/v1/config").body().contains("\"remote\":\"origin\""));
        HttpResponse<String> bad = patch("api/v1/config", "{\"tracking_mode\":\"lax\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Invalid tracking_mode 'lax'. Must be one of: strict, normal, relaxed"), bad.body());
        String changed = patch("api/v1/config", "{\"remote\":\"upstream\",\"intervention_tracking\":true}").body();
        assertTrue(changed.contains("\"remote\":\"upstream\"") && changed.contains("\"intervention_tracking\":true")
                && changed.contains("\"tracking_mode\":\"normal\""), changed);
        assertEquals(changed, api.get("api/v1/config").body());
        patch("api/v1/config", "{\"remote\":\"origin\",\"intervention_tracking\":false}");
    }

    @Test
    void usageIsRecordedListedAndSummed() {
        Api api = api();
        String agent = "spender-" + System.nanoTime();
        Instant before = Instant.now();
        HttpResponse<String> created = api.post("api/v1/usage", "{\"agent_id\":\"" + agent + "\",\"input_tokens\":100,\"output_tokens\":20,\"model\":\"m1\",\"cost_estimate\":0.5}");
        assertEquals(201, created.statusCode(), created.body());
        api.post("api/v1/usage", "{\"agent_id\":\"" + agent + "\",\"input_tokens\":50,\"output_tokens\":5,\"model\":\"m1\"}");
        assertEquals(400, api.post("api/v1/usage", "{\"agent_id\":\"" + agent + "\",\"input_tokens\":-1,\"output_tokens\":5}").statusCode());
        assertEquals(400, api.post("api/v1/usage", "{\"agent_id\":\"" + agent + "\"}").statusCode());
        String listed = api.get("api/v1/usage?agent_id=" + agent + "&from=" + before).body();
        assertTrue(listed.contains("\"total\":2") && listed.indexOf("\"input_tokens\":50") < listed.indexOf("\"input_tokens\":100"), listed);
        assertTrue(api.get("api/v1/usage?agent_id=" + agent + "&to=" + before).body().contains("\"total\":0"));
        String summary = api.get("api/v1/usage/summary?agent_id=" + agent).body();
        assertTrue(summary.contains("\"request_count\":2") && summary.contains("\"total_input_tokens\":150")
                && summary.contains("\"total_cost\":0.5"), summary);
        assertEquals(400, api.get("api/v1/usage?from=yesterday").statusCode());
    }

    @Test
    void syncAndKnowledgeAnswerAsAnUninitializedCrosslink() {
        Api api = api();
        String status = api.get("api/v1/sync/status").body();
        assertTrue(status.contains("\"hub_initialized\":false") && status.contains("\"active_lock_count\":"), status);
        HttpResponse<String> fetch = api.post("api/v1/sync/fetch", "");
        assertEquals(409, fetch.statusCode());
        assertTrue(fetch.body().contains("\"error\":\"Hub not initialized\""), fetch.body());
        assertEquals("{\"items\":[],\"total\":0}", api.get("api/v1/knowledge").body());
        assertEquals(404, api.get("api/v1/knowledge/some-page").statusCode());
        assertEquals(400, api.get("api/v1/knowledge/search?q=").statusCode());
    }
}
