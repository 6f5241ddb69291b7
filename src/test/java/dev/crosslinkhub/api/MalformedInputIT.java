package dev.crosslinkhub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.BadRequests;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Malformed input to every route outside issues (IssuesIT has its own table): each answer is a
 * 4xx JSON error that says what was wrong, nothing is announced, and the state is as it was.
 */
class MalformedInputIT extends DeployedHub {

    @Test
    void everyRouteAnswersBadInputWithA4xxJsonErrorAndChangesNothing() {
        Api api = api();
        long issue = api.createIssue("held");
        assertEquals(200, api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"holder\"}").statusCode());
        String huge = "{\"agent_id\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
        List<String[]> cases = List.of(
                new String[] {"POST", "api/v1/heartbeats", "{}", "agent_id"},
                new String[] {"POST", "api/v1/heartbeats", "{\"agent_id\":\"a\",\"last_heartbeat\":\"noon\"}", "last_heartbeat"},
                new String[] {"POST", "api/v1/heartbeats", "{\"agent_id\":\"a\",\"active_issue_id\":\"x\"}", "active_issue_id"},
                new String[] {"POST", "api/v1/heartbeats", "{\"agent_id\":true}", ""},
                new String[] {"POST", "api/v1/heartbeats", huge, ""},
                new String[] {"POST", "api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"thief\"}", "locked by 'holder'"},
                new String[] {"POST", "api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"\"}", "agent_id"},
                new String[] {"POST", "api/v1/locks/" + issue + "/claim", "", ""},
                new String[] {"POST", "api/v1/locks/-4/claim", "{\"agent_id\":\"a\"}", "not found"},
                new String[] {"POST", "api/v1/locks/" + issue + "/release", "{\"agent_id\":\"thief\"}", "locked by 'holder'"},
                new String[] {"POST", "api/v1/locks/" + issue + "/release", "{\"agentid\":\"holder\"}", "agentid"},
                new String[] {"POST", "api/v1/locks/notify", "{\"issue_id\":-1.5,\"action\":\"claimed\",\"agent_id\":\"a\"}", "issue_id"},
                new String[] {"POST", "api/v1/orchestrator/plans", "{\"phases\":\"many\"}", ""},
                new String[] {"POST", "api/v1/orchestrator/stages/nope/running", "{\"agent_id\":\"a\"}", ""},
                new String[] {"POST", "api/v1/orchestrator/stages/nope/done", null, ""},
                new String[] {"POST", "api/v1/sessions/start", "[]", ""},
                new String[] {"POST", "api/v1/sessions/work/abc", null, "id"},
                new String[] {"POST", "api/v1/milestones", "{\"name\":\"\"}", "name"},
                new String[] {"GET", "api/v1/milestones/abc", null, "id"},
                new String[] {"POST", "api/v1/milestones/999999999/assign", "{\"issue_id\":" + issue + "}", "Milestone 999999999"},
                new String[] {"GET", "api/v1/search", null, "'q'"},
                new String[] {"PATCH", "api/v1/config", "{\"signing_enforcement\":\"always\"}", "signing_enforcement"},
                new String[] {"PATCH", "api/v1/config", "{\"stale_lock_timeout_minutes\":-3}", "stale_lock_timeout_minutes"},
                new String[] {"POST", "api/v1/usage", "{\"agent_id\":\"a\",\"input_tokens\":1}", "output_tokens"},
                new String[] {"GET", "api/v1/usage?limit=-1", null, "limit"},
                new String[] {"GET", "api/v1/usage?to=later", null, "to"},
                new String[] {"POST", "api/v1/bench/fire", "{\"count\":0,\"rate\":0,\"agent_id\":\"a\"}", "count"},
                new String[] {"DELETE", "api/v1/locks", null, ""},
                new String[] {"GET", "api/v1/no/such/route", null, ""});
        String locksBefore = api.get("api/v1/locks").body();
        String configBefore = api.get("api/v1/config").body();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks", "issues", "execution").barrier();
            BadRequests.assertEachRefused(api, cases);
            client.barrier();
            assertEquals(2, client.count(), "no event for any rejected request: " + client.messages());
        }
        assertEquals(locksBefore.replaceAll("\"age_seconds\":\\d+", ""), api.get("api/v1/locks").body().replaceAll("\"age_seconds\":\\d+", ""));
        assertEquals(configBefore, api.get("api/v1/config").body());
    }
}
