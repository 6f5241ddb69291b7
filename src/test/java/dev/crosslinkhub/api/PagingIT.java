package dev.crosslinkhub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Lists and search page with {@code limit} and {@code offset}, in crosslink's shape: {@code total}
 * (and {@code X-Total-Count}) counts every match, each row appears on exactly one page, in the
 * list's own order. The database is shared with the other tests, so each test lists rows only it
 * made (a parent, an agent id, a search word), or compares pages with the whole list.
 */
class PagingIT extends DeployedHub {

    private static final int DEFAULT_PAGE = 500;
    private static final int MAX_PAGE = 1000;

    @Test
    void issuesPageThroughNewestFirstEachExactlyOnceWithTheTotalOfEveryMatch() {
        Api api = api();
        long parent = api.createIssue("paging parent");
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(id(api.post("api/v1/issues", "{\"title\":\"paged " + i + "\",\"parent_id\":" + parent + "}")));
        }
        List<Long> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        String route = "api/v1/issues?parent_id=" + parent;

        List<Long> paged = new ArrayList<>();
        for (int offset = 0; offset < 25; offset += 10) {
            JsonObject page = list(api, route + "&limit=10&offset=" + offset, 25);
            assertEquals(Math.min(10, 25 - offset), page.getJsonArray("items").size(), "page at " + offset);
            paged.addAll(numbers(page, "id"));
        }
        assertEquals(newestFirst, paged, "every issue once, id descending");
        assertEquals(25, new HashSet<>(paged).size());

        assertEquals(List.of(), numbers(list(api, route + "&offset=25", 25), "id"), "past the end: empty, total still right");
        assertEquals(List.of(), numbers(list(api, route + "&offset=99999999999999999999", 25), "id"));
        assertEquals(List.of(), numbers(list(api, route + "&limit=0", 25), "id"), "limit=0 only counts");
        assertEquals(newestFirst.subList(5, 12), numbers(list(api, route + "&offset=5&limit=7", 25), "id"));

        // a list shorter than a page is the bytes crosslink sends: every match, total = items
        String whole = api.get(route).body();
        assertEquals(newestFirst, numbers(json(whole), "id"));
        assertTrue(whole.startsWith("{\"items\":[{") && whole.endsWith("],\"total\":25}"), whole.substring(whole.length() - 40));
        assertEquals(whole, api.get(route + "&limit=" + MAX_PAGE + "&offset=0").body());
    }

    /** The real defaults: 1,001 usage reports (the cheapest row to make) are one more than the largest page. */
    @Test
    void aListHasTheDefaultPageSizeAndALimitOverTheMaximumIsCutToIt() {
        Api api = api();
        String agent = "paging-" + UUID.randomUUID();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i <= MAX_PAGE; i++) {
            HttpResponse<String> reported = api.post("api/v1/usage",
                    "{\"agent_id\":\"" + agent + "\",\"input_tokens\":" + i + ",\"output_tokens\":1}");
            assertEquals(201, reported.statusCode(), reported.body());
            created.add(id(reported));
        }
        List<Long> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        String route = "api/v1/usage?agent_id=" + agent;

        assertEquals(newestFirst.subList(0, DEFAULT_PAGE), numbers(list(api, route, MAX_PAGE + 1), "id"), "no limit: the default page");
        List<Long> capped = numbers(list(api, route + "&limit=5000", MAX_PAGE + 1), "id");
        assertEquals(newestFirst.subList(0, MAX_PAGE), capped, "a limit over the maximum is the maximum");
        assertEquals(newestFirst.subList(0, MAX_PAGE), numbers(list(api, route + "&limit=" + MAX_PAGE, MAX_PAGE + 1), "id"));
        assertEquals(List.of(created.get(0)), numbers(list(api, route + "&limit=5000&offset=" + MAX_PAGE, MAX_PAGE + 1), "id"),
                "the next page starts where the cut one ended");
    }

    /** crosslink's IssueDetail carries every comment; here a page of them at most, and the headers count them all. */
    @Test
    void anIssuesDetailCarriesAtMostAPageOfCommentsAndCountsThemAll() {
        Api api = api();
        long issue = api.createIssue("much discussed");
        for (int i = 0; i <= MAX_PAGE; i++) {
            HttpResponse<String> commented = api.post("api/v1/issues/" + issue + "/comments", "{\"content\":\"remark " + i + "\"}");
            assertTrue(commented.statusCode() / 100 == 2, commented.body());
        }
        HttpResponse<String> detail = api.get("api/v1/issues/" + issue);
        assertEquals(200, detail.statusCode(), detail.body());
        JsonArray comments = Json.createReader(new StringReader(detail.body())).readObject().getJsonArray("comments");
        assertEquals(MAX_PAGE, comments.size(), "the detail's comments: one page");
        assertEquals("remark 0", comments.getJsonObject(0).getString("content"), "oldest first");
        assertEquals("remark " + (MAX_PAGE - 1), comments.getJsonObject(MAX_PAGE - 1).getString("content"));
        assertEquals(String.valueOf(MAX_PAGE + 1), detail.headers().firstValue("X-Total-Comments").orElse(null));
        assertEquals("0", detail.headers().firstValue("X-Total-Subissues").orElse(null));
        List<String> rest = strings(list(api, "api/v1/issues/" + issue + "/comments?offset=" + MAX_PAGE, MAX_PAGE + 1), "content");
        assertEquals(List.of("remark " + MAX_PAGE), rest, "the one left out is on the comments list's next page");

        long small = api.createIssue("one sub-issue");
        api.post("api/v1/issues/" + small + "/subissue", "{\"title\":\"the sub-issue\"}");
        HttpResponse<String> whole = api.get("api/v1/issues/" + small);
        assertEquals(1, Json.createReader(new StringReader(whole.body())).readObject().getJsonArray("subissues").size());
        assertEquals("1", whole.headers().firstValue("X-Total-Subissues").orElse(null));
        assertEquals("0", whole.headers().firstValue("X-Total-Comments").orElse(null));
    }

    @Test
    void searchPagesAcrossIssuesThenComments() {
        Api api = api();
        String word = "pagingword" + UUID.randomUUID().toString().substring(0, 8);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add(0, "issue:" + api.createIssue(word + " issue " + i));
        }
        long discussed = api.createIssue("discussed");
        List<String> comments = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> comment = api.post("api/v1/issues/" + discussed + "/comments", "{\"content\":\"about " + word + " " + i + "\"}");
            assertEquals(200, comment.statusCode(), comment.body());
            comments.add(0, "comment:" + id(comment));
        }
        expected.addAll(comments);
        String route = "api/v1/search?q=" + word;

        assertEquals(expected, hits(list(api, route, 7)), "issues newest first, then comments newest first");
        for (int limit : new int[] {1, 2, 3, 4}) {
            List<String> paged = new ArrayList<>();
            for (int offset = 0; offset < 7; offset += limit) {
                paged.addAll(hits(list(api, route + "&limit=" + limit + "&offset=" + offset, 7)));
            }
            assertEquals(expected, paged, "pages of " + limit);
        }
        assertEquals(expected.subList(2, 5), hits(list(api, route + "&offset=2&limit=3", 7)), "a page across the issues' end");
        assertEquals(expected.subList(5, 7), hits(list(api, route + "&offset=5", 7)), "a page inside the comments");
        assertEquals(List.of(), hits(list(api, route + "&offset=7", 7)));
        assertEquals(List.of(), hits(list(api, route + "&limit=0", 7)));
    }

    @Test
    void commentsPageOldestFirst() {
        Api api = api();
        long issue = api.createIssue("many comments");
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(id(api.post("api/v1/issues/" + issue + "/comments", "{\"content\":\"comment " + i + "\"}")));
        }
        String route = "api/v1/issues/" + issue + "/comments";
        List<Long> paged = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 5) {
            paged.addAll(numbers(list(api, route + "?limit=5&offset=" + offset, 12), "id"));
        }
        assertEquals(created, paged);
        assertEquals(created, numbers(list(api, route, 12), "id"));
    }

    /** Routes whose rows other tests make too: their pages, walked, are their whole list, in its order. */
    @Test
    void everyOtherListPagesInItsOwnOrder() {
        Api api = api();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.post("api/v1/heartbeats", "{\"agent_id\":\"paging-" + run + "-" + i + "\"}").statusCode());
            long held = api.createIssue("held " + i);
            // holders that never sent a heartbeat: these locks are stale too
            assertEquals(200, api.post("api/v1/locks/" + held + "/claim", "{\"agent_id\":\"silent-" + run + "\"}").statusCode());
            assertEquals(200, api.post("api/v1/milestones", "{\"name\":\"paging " + run + " " + i + "\"}").statusCode());
            HttpResponse<String> plan = api.post("api/v1/orchestrator/plans", "{\"document_slug\":\"paging\",\"source_document\":\"#\","
                    + "\"phases\":[{\"title\":\"only\",\"stages\":[{\"title\":\"one\"}]}]}");
            assertEquals(200, plan.statusCode(), plan.body());
        }
        long blocker = api.createIssue("blocker");
        long blocked = api.createIssue("blocked");
        for (long waiting : new long[] {blocked, api.createIssue("blocked too")}) {
            assertEquals(200, api.post("api/v1/issues/" + waiting + "/block", "{\"blocker_id\":" + blocker + "}").statusCode());
        }

        assertPagesAreTheWholeList(api, "api/v1/agents", "agent_id");
        assertPagesAreTheWholeList(api, "api/v1/locks", "issue_id");
        assertPagesAreTheWholeList(api, "api/v1/locks/stale", "issue_id");
        assertPagesAreTheWholeList(api, "api/v1/milestones?status=all", "id");
        assertPagesAreTheWholeList(api, "api/v1/issues/blocked", "id");
        assertPagesAreTheWholeList(api, "api/v1/issues/ready", "id");
        assertTrue(strings(list(api, "api/v1/issues/blocked?limit=" + MAX_PAGE, -1), "id").contains(String.valueOf(blocked)));
        assertTrue(!strings(list(api, "api/v1/issues/ready?limit=" + MAX_PAGE, -1), "id").contains(String.valueOf(blocked)));
        assertTrue(strings(list(api, "api/v1/issues/ready?limit=" + MAX_PAGE, -1), "id").contains(String.valueOf(blocker)));

        // newest first: the two newest milestones are this test's last two
        assertEquals(List.of("paging " + run + " 2", "paging " + run + " 1"),
                strings(list(api, "api/v1/milestones?limit=2", -1), "name"));

        // crosslink's plans are a bare array: the total is in the header only
        HttpResponse<String> plans = api.get("api/v1/orchestrator/plans?limit=" + MAX_PAGE);
        JsonArray all = Json.createReader(new StringReader(plans.body())).readArray();
        long total = Long.parseLong(plans.headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(total >= 3 && all.size() == Math.min(total, MAX_PAGE), plans.body());
        List<JsonValue> paged = new ArrayList<>();
        for (int offset = 0; offset < all.size(); offset += 2) {
            HttpResponse<String> page = api.get("api/v1/orchestrator/plans?limit=2&offset=" + offset);
            assertEquals(String.valueOf(total), page.headers().firstValue("X-Total-Count").orElse(""));
            paged.addAll(Json.createReader(new StringReader(page.body())).readArray());
        }
        assertEquals(all, paged);
    }

    @Test
    void aBadLimitOrOffsetIs400NamingTheField() {
        Api api = api();
        long issue = api.createIssue("comments of");
        List<String> routes = List.of("api/v1/issues?", "api/v1/issues?status=open&", "api/v1/issues/blocked?", "api/v1/issues/ready?",
                "api/v1/issues/" + issue + "/comments?", "api/v1/search?q=x&", "api/v1/milestones?", "api/v1/usage?",
                "api/v1/orchestrator/plans?", "api/v1/agents?", "api/v1/locks?", "api/v1/locks/stale?");
        for (String route : routes) {
            for (String bad : new String[] {"-1", "1.5", "ten", "", "%2B5", "1e3"}) {
                for (String field : new String[] {"limit", "offset"}) {
                    HttpResponse<String> refused = api.get(route + field + "=" + bad);
                    String what = route + field + "=" + bad;
                    assertEquals(400, refused.statusCode(), what + " → " + refused.body());
                    assertEquals("{\"detail\":\"" + field + " must be a non-negative integer, not '" + bad.replace("%2B", "+")
                            + "'\",\"error\":\"bad request\"}", refused.body(), what);
                }
            }
        }
        assertEquals(404, api.get("api/v1/issues/999999999/comments?limit=5").statusCode(), "a good page of a missing issue");
        assertEquals(400, api.get("api/v1/issues/999999999/comments?limit=x").statusCode(), "the query is read before the issue");
    }

    // ---- reading answers

    /** A list answer, checked for crosslink's shape and, unless {@code total} is -1, for its total (body and header alike). */
    private static JsonObject list(Api api, String route, long total) {
        HttpResponse<String> response = api.get(route);
        assertEquals(200, response.statusCode(), route + " → " + response.body());
        JsonObject body = json(response.body());
        assertEquals(List.of("items", "total"), List.copyOf(body.keySet()), route);
        if (total >= 0) {
            assertEquals(total, body.getJsonNumber("total").longValue(), route);
        }
        assertEquals(String.valueOf(body.getJsonNumber("total").longValue()),
                response.headers().firstValue("X-Total-Count").orElse(""), route);
        return body;
    }

    /** Walks {@code route} in pages of a third of it and checks they make up the list in one page of the maximum. */
    private static void assertPagesAreTheWholeList(Api api, String route, String key) {
        String glue = route.contains("?") ? "&" : "?";
        JsonObject whole = list(api, route + glue + "limit=" + MAX_PAGE, -1);
        long total = whole.getJsonNumber("total").longValue();
        List<String> expected = strings(whole, key);
        assertTrue(total >= 2 && expected.size() == Math.min(total, MAX_PAGE), route + " has " + total);
        int limit = (expected.size() + 2) / 3;
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < expected.size(); offset += limit) {
            paged.addAll(strings(list(api, route + glue + "limit=" + limit + "&offset=" + offset, total), key));
        }
        assertEquals(expected, paged, route + " in pages of " + limit);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static long id(HttpResponse<String> created) {
        assertTrue(created.statusCode() == 200 || created.statusCode() == 201, created.body());
        return json(created.body()).getJsonNumber("id").longValue();
    }

    private static List<Long> numbers(JsonObject list, String key) {
        return list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getJsonNumber(key).longValue()).toList();
    }

    private static List<String> strings(JsonObject list, String key) {
        return list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.get(key) instanceof JsonString text ? text.getString() : item.get(key).toString()).toList();
    }

    private static List<String> hits(JsonObject list) {
        return list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(hit -> hit.getString("kind") + ":" + hit.getString("id")).toList();
    }
}
