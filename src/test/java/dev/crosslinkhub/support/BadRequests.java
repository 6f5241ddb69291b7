package dev.crosslinkhub.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Table-driven malformed input: each row a method, a path, a body (or null) and what the answer must name. */
public final class BadRequests {

    /** Sends every row and checks the answer is a 4xx JSON error naming the problem, with no stack trace. */
    public static void assertEachRefused(Api api, List<String[]> rows) {
        for (String[] bad : rows) {
            HttpResponse<String> response = api.send(api.request(bad[1]).header("Content-Type", "application/json")
                    .method(bad[0], bad[2] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(bad[2])));
            String what = bad[0] + " " + bad[1] + " " + (bad[2] == null ? "" : bad[2].substring(0, Math.min(60, bad[2].length())));
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, what + " → " + response.statusCode() + " " + response.body());
            assertTrue(response.body().startsWith("{") && response.body().contains("\"error\":"), what + " → " + response.body());
            assertTrue(response.body().contains(bad[3]), what + " names '" + bad[3] + "': " + response.body());
            assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), what + " leaks: " + response.body());
        }
    }

    private BadRequests() {
    }
}
