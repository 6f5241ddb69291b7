package dev.crosslinkhub.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The routes consoles read besides issues and agents: sessions, milestones and search. */
class SessionsMilestonesSearchIT extends DeployedHub {

    @Test
    void aSessionStartsWorksAndEndsWithNotes() {
        Api api = api();
        String agent = "sess-" + System.nanoTime();
        assertEquals(404, api.get("api/v1/sessions/current?agent_id=" + agent).statusCode());
        assertEquals(404, api.post("api/v1/sessions/work/" + api.createIssue("x") + "?agent_id=" + agent, "").statusCode());
        HttpResponse<String> started = api.post("api/v1/sessions/start", "{\"agent_id\":\"" + agent + "\"}");
        assertEquals(200, started.statusCode(), started.body());
        assertTrue(started.body().contains("\"ended_at\":null") && started.body().contains("\"active_issue_id\":null"), started.body());
        long issue = api.createIssue("session work");
        assertEquals("{\"ok\":true}", api.post("api/v1/sessions/work/" + issue + "?agent_id=" + agent, "").body());
        assertEquals(404, api.post("api/v1/sessions/work/999999999?agent_id=" + agent, "").statusCode());
        assertTrue(api.get("api/v1/sessions/current?agent_id=" + agent).body().contains("\"active_issue_id\":" + issue));
        assertEquals(400, api.post("api/v1/sessions/end?agent_id=" + agent, "").statusCode(), "a body is required, as in crosslink");
        assertEquals("{\"ok\":true}", api.post("api/v1/sessions/end?agent_id=" + agent, "{\"notes\":\"over to you\"}").body());
        assertEquals(404, api.get("api/v1/sessions/current?agent_id=" + agent).statusCode());
    }

    @Test
    void aMilestoneCountsItsClosedIssuesAndAssignmentIsAnnounced() {
        Api api = api();
        HttpResponse<String> created = api.post("api/v1/milestones", "{\"name\":\"v1\"}");
        assertEquals(200, created.statusCode(), created.body());
        long milestone = Long.parseLong(created.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        assertTrue(created.body().contains("\"progress_percent\":0.0") && created.body().contains("\"closed_at\":null"), created.body());
        long a = api.createIssue("a");
        long b = api.createIssue("b");
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("issues").barrier();
            api.post("api/v1/milestones/" + milestone + "/assign", "{\"issue_id\":" + a + "}");
            api.post("api/v1/milestones/" + milestone + "/assign", "{\"issue_id\":" + b + "}");
            api.post("api/v1/issues/" + a + "/close", "");
            client.barrier();
            assertTrue(client.messages().contains("{\"seq\":2,\"field\":\"milestone\",\"issue_id\":" + a + ",\"type\":\"issue_updated\"}"),
                    client.messages().toString());
        }
        String issueDetail = api.get("api/v1/issues/" + a).body();
        assertTrue(issueDetail.contains("\"milestone\":{\"id\":" + milestone + ",\"name\":\"v1\",\"status\":\"open\"}"), issueDetail);
        String detail = api.get("api/v1/milestones/" + milestone).body();
        assertTrue(detail.contains("\"issue_count\":2") && detail.contains("\"completed_count\":1")
                && detail.contains("\"progress_percent\":50.0"), detail);
        assertEquals(404, api.post("api/v1/milestones/" + milestone + "/assign", "{\"issue_id\":999999999}").statusCode());
        assertEquals(404, api.get("api/v1/milestones/999999999").statusCode());
        assertEquals(400, api.post("api/v1/milestones", "{}").statusCode());
        api.post("api/v1/milestones/" + milestone + "/close", "");
        assertTrue(!api.get("api/v1/milestones").body().contains("\"id\":" + milestone + ","));
        assertTrue(api.get("api/v1/milestones?status=all").body().contains("\"id\":" + milestone + ","));
    }

    @Test
    void searchFindsIssuesThenComments() {
        Api api = api();
        String word = "zebra" + System.nanoTime();
        long issue = api.createIssue("About " + word);
        long other = api.createIssue("Plain");
        api.post("api/v1/issues/" + other + "/comments", "{\"content\":\"saw a " + word.toUpperCase() + "\"}");
        String hits = api.get("api/v1/search?q=" + word).body();
        assertTrue(hits.matches("\\{\"items\":\\[\\{\"id\":\"" + issue + "\",\"kind\":\"issue\".*\\{\"id\":\"\\d+\",\"issue_id\":" + other
                + ",\"kind\":\"comment\".*\"total\":2}"), hits);
        HttpResponse<String> blank = api.get("api/v1/search?q=%20");
        assertEquals(400, blank.statusCode());
        assertTrue(blank.body().contains("Search query 'q' cannot be empty"), blank.body());
    }
}
