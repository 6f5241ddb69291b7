package dev.crosslinkhub.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.BadRequests;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** crosslink's issue routes over HTTP, and the {@code issue_updated} each change announces. */
class IssuesIT extends DeployedHub {

    private static String fields(List<String> messages) {
        return messages.stream().filter(m -> m.contains("issue_updated"))
                .map(m -> m.replaceAll(".*\"field\":\"([a-z]+)\",\"issue_id\":(\\d+).*", "$2:$1"))
                .collect(Collectors.joining(" "));
    }

    private static long idOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Long.parseLong(response.body().replaceAll("^\\{.*?\"id\":(\\d+).*", "$1"));
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = api().request(path).header("Content-Type", "application/json");
        return api().send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anIssueHasCrosslinksShapeWithNullsPresent() {
        Api api = api();
        HttpResponse<String> created = api.post("api/v1/issues", "{\"title\":\"Ship it\",\"priority\":\"high\"}");
        long id = idOf(created);
        assertTrue(created.body().matches("\\{\"closed_at\":null,\"created_at\":\"[^\"]+Z\",\"description\":null,\"id\":" + id
                + ",\"parent_id\":null,\"priority\":\"high\",\"status\":\"open\",\"title\":\"Ship it\",\"updated_at\":\"[^\"]+Z\"}"),
                created.body());
        String detail = api.get("api/v1/issues/" + id).body();
        assertTrue(detail.contains("\"labels\":[]") && detail.contains("\"comments\":[]") && detail.contains("\"blockers\":[]")
                && detail.contains("\"blocking\":[]") && detail.contains("\"subissues\":[]") && !detail.contains("milestone"), detail);
        String listed = api.get("api/v1/issues?status=open").body();
        assertTrue(listed.contains("\"blocker_count\":0") && listed.contains("\"id\":" + id + ",") && listed.contains("\"total\":"), listed);
    }

    @Test
    void everyChangeAnnouncesItsFieldAfterItIsWritten() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("issues").barrier();
            long a = idOf(api.post("api/v1/issues", "{\"title\":\"A\",\"description\":\"first\"}"));
            long b = api.createIssue("B");
            assertEquals(200, send("PATCH", "api/v1/issues/" + a, "{\"title\":\"A2\"}").statusCode());
            String closed = api.post("api/v1/issues/" + a + "/close", null == null ? "" : "").body();
            assertTrue(closed.contains("\"status\":\"closed\"") && !closed.contains("\"closed_at\":null"), closed);
            assertTrue(api.post("api/v1/issues/" + a + "/reopen", "").body().contains("\"closed_at\":null"));
            String comment = api.post("api/v1/issues/" + a + "/comments", "{\"content\":\"looks good\",\"kind\":\"decision\"}").body();
            assertTrue(comment.contains("\"kind\":\"decision\"") && comment.contains("\"issue_id\":" + a) && !comment.contains("trigger_type"), comment);
            api.post("api/v1/issues/" + a + "/labels", "{\"label\":\"ui\"}");
            api.post("api/v1/issues/" + a + "/labels", "{\"label\":\"ui\"}");
            assertEquals(200, send("DELETE", "api/v1/issues/" + a + "/labels/ui", null).statusCode());
            api.post("api/v1/issues/" + a + "/block", "{\"blocker_id\":" + b + "}");
            String detail = api.get("api/v1/issues/" + b).body();
            assertTrue(detail.contains("\"blocking\":[" + a + "]"), detail);
            assertEquals(200, send("DELETE", "api/v1/issues/" + a + "/block/" + b, null).statusCode());
            long child = idOf(api.post("api/v1/issues/" + a + "/subissue", "{\"title\":\"A.1\"}"));
            assertTrue(api.get("api/v1/issues/" + a).body().contains("\"subissues\":[{"));
            assertEquals("{\"ok\":true}", send("DELETE", "api/v1/issues/" + b, null).body());
            assertEquals(404, api.get("api/v1/issues/" + b).statusCode());

            client.barrier();
            assertEquals(a + ":created " + b + ":created " + a + ":updated " + a + ":status " + a + ":status " + a + ":comments "
                    + a + ":labels " + a + ":labels " + a + ":labels " + a + ":blockers " + a + ":blockers "
                    + a + ":subissues " + child + ":created " + b + ":deleted", fields(client.messages()));
        }
    }

    @Test
    void crosslinksFiltersSelectIssues() {
        Api api = api();
        String tag = "t" + System.nanoTime();
        long parent = api.createIssue("parent " + tag);
        long labelled = idOf(api.post("api/v1/issues", "{\"title\":\"labelled\",\"priority\":\"low\",\"parent_id\":" + parent + "}"));
        api.post("api/v1/issues/" + labelled + "/labels", "{\"label\":\"" + tag + "\"}");
        long commented = api.createIssue("commented");
        api.post("api/v1/issues/" + commented + "/comments", "{\"content\":\"Needle " + tag.toUpperCase() + " here\"}");
        api.post("api/v1/issues/" + commented + "/close", "");

        assertEquals("[" + labelled + "]", ids(api.get("api/v1/issues?label=" + tag).body()));
        assertEquals("[" + labelled + "]", ids(api.get("api/v1/issues?parent_id=" + parent).body()));
        assertEquals("[" + commented + ", " + parent + "]", ids(api.get("api/v1/issues?search=" + tag).body()));
        assertEquals("[" + commented + "]", ids(api.get("api/v1/issues?search=" + tag + "&status=closed").body()));
        assertTrue(ids(api.get("api/v1/issues?priority=low").body()).contains(String.valueOf(labelled)));
    }

    private static String ids(String listing) {
        return java.util.regex.Pattern.compile("\\{\"blocker_count\":\\d+,\"closed_at\":[^,]+,\"created_at\":\"[^\"]+\",\"description\":(null|\"[^\"]*\"),\"id\":(\\d+)")
                .matcher(listing).results().map(m -> m.group(2)).collect(Collectors.toList()).toString();
    }

    @Test
    void blockedAndReadyFollowOpenBlockers() {
        Api api = api();
        long blocker = api.createIssue("blocker");
        long waiting = api.createIssue("waiting");
        api.post("api/v1/issues/" + waiting + "/block", "{\"blocker_id\":" + blocker + "}");
        assertTrue(api.get("api/v1/issues/blocked").body().contains("\"id\":" + waiting + ","));
        assertTrue(!api.get("api/v1/issues/ready").body().contains("\"id\":" + waiting + ","));
        api.post("api/v1/issues/" + blocker + "/close", "");
        assertTrue(!api.get("api/v1/issues/blocked").body().contains("\"id\":" + waiting + ","));
        assertTrue(api.get("api/v1/issues/ready").body().contains("\"id\":" + waiting + ","));

        HttpResponse<String> cycle = api.post("api/v1/issues/" + blocker + "/block", "{\"blocker_id\":" + waiting + "}");
        assertEquals(400, cycle.statusCode());
        assertTrue(cycle.body().contains("circular dependency chain"), cycle.body());
    }

    /** Malformed input to every route: a 4xx JSON error, no event, and the issue exactly as it was. */
    @Test
    void malformedInputToEveryRouteIsA4xxJsonErrorAndChangesNothing() {
        Api api = api();
        long id = api.createIssue("untouchable");
        long other = api.createIssue("other");
        api.post("api/v1/issues/" + id + "/labels", "{\"label\":\"keep\"}");
        String before = api.get("api/v1/issues/" + id).body();
        String huge = "x".repeat(70 * 1024);
        List<String[]> cases = List.of(
                new String[] {"GET", "api/v1/issues?status=done", null, "status"},
                new String[] {"GET", "api/v1/issues?parent_id=abc", null, "parent_id"},
                new String[] {"GET", "api/v1/issues/abc", null, "id"},
                new String[] {"GET", "api/v1/issues/999999999", null, "not found"},
                new String[] {"POST", "api/v1/issues", "{}", "title"},
                new String[] {"POST", "api/v1/issues", "{\"title\":\"  \"}", "title"},
                new String[] {"POST", "api/v1/issues", "{\"title\":\"t\",\"priority\":\"critical\"}", "priority"},
                new String[] {"POST", "api/v1/issues", "{\"title\":\"t\",\"parent_id\":-5}", "Parent issue #-5"},
                new String[] {"POST", "api/v1/issues", "{\"title\":\"t\",\"description\":\"" + huge + "\"}", "description"},
                new String[] {"POST", "api/v1/issues", "{\"title\":7}", ""},
                new String[] {"POST", "api/v1/issues", "{\"title\":\"t\",\"colour\":\"red\"}", "colour"},
                new String[] {"POST", "api/v1/issues", "not json", ""},
                new String[] {"POST", "api/v1/issues", "", ""},
                new String[] {"PATCH", "api/v1/issues/" + id, "{\"title\":\"\"}", "title"},
                new String[] {"PATCH", "api/v1/issues/" + id, "{\"priority\":\"urgent\"}", "priority"},
                new String[] {"PATCH", "api/v1/issues/" + id, "[1]", ""},
                new String[] {"PATCH", "api/v1/issues/999999999", "{\"title\":\"x\"}", "not found"},
                new String[] {"DELETE", "api/v1/issues/-1", null, "not found"},
                new String[] {"POST", "api/v1/issues/999999999/close", "", "not found"},
                new String[] {"POST", "api/v1/issues/x/reopen", "", "id"},
                new String[] {"POST", "api/v1/issues/" + id + "/subissue", "{\"title\":\"c\",\"parent_id\":" + other + "}", "parent_id"},
                new String[] {"POST", "api/v1/issues/999999999/subissue", "{\"title\":\"c\"}", "Parent issue"},
                new String[] {"GET", "api/v1/issues/999999999/comments", null, "not found"},
                new String[] {"POST", "api/v1/issues/" + id + "/comments", "{}", "content"},
                new String[] {"POST", "api/v1/issues/" + id + "/comments", "{\"content\":\"c\",\"kind\":\"rant\"}", "kind"},
                new String[] {"POST", "api/v1/issues/" + id + "/comments", "{\"content\":\"c\",\"kind\":\"intervention\"}", "trigger_type"},
                new String[] {"POST", "api/v1/issues/" + id + "/labels", "{\"label\":\"" + "l".repeat(129) + "\"}", "label"},
                new String[] {"POST", "api/v1/issues/" + id + "/labels", "{\"labels\":[\"a\"]}", "labels"},
                new String[] {"DELETE", "api/v1/issues/" + id + "/labels/nope", null, "Label 'nope' not found"},
                new String[] {"POST", "api/v1/issues/" + id + "/block", "{\"blocker_id\":" + id + "}", "cannot block itself"},
                new String[] {"POST", "api/v1/issues/" + id + "/block", "{\"blocker_id\":999999999}", "Blocker issue #999999999"},
                new String[] {"POST", "api/v1/issues/" + id + "/block", "{\"blocker_id\":\"one\"}", ""},
                new String[] {"POST", "api/v1/issues/" + id + "/block", "{}", "blocker_id"},
                new String[] {"DELETE", "api/v1/issues/" + id + "/block/" + other, null, "is not a blocker"},
                new String[] {"DELETE", "api/v1/issues/" + id + "/block/zz", null, "blocker_id"});
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("issues").barrier();
            BadRequests.assertEachRefused(api, cases);
            client.barrier();
            assertEquals(2, client.count(), "no event for any rejected request: " + client.messages());
        }
        assertEquals(before, api.get("api/v1/issues/" + id).body());
    }
}
