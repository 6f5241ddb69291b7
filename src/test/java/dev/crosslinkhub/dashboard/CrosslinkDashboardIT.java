package dev.crosslinkhub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.StandaloneHub;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small single-page app of this test's own, served through hub.dashboard-dir at /crosslink/ as crosslink's built dashboard would be. */
class CrosslinkDashboardIT {

    private static final String PAGE = "<!doctype html><html><head><script type=\"module\" src=\"/crosslink/assets/app.js\"></script>"
            + "<link rel=\"stylesheet\" href=\"/crosslink/assets/app.css\"></head><body><div id=\"root\">the test's app</div></body></html>";

    @TempDir
    static Path work;

    private static StandaloneHub hub;

    @BeforeAll
    static void startWithTheAppsFolder() throws IOException {
        Path app = Files.createDirectories(work.resolve("dist"));
        Files.writeString(app.resolve("index.html"), PAGE);
        Path assets = Files.createDirectories(app.resolve("assets"));
        Files.writeString(assets.resolve("app.js"), "document.getElementById('root').dataset.path = location.pathname;");
        Files.writeString(assets.resolve("app.css"), "#root { color: teal; }");
        Files.writeString(app.resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        hub = StandaloneHub.start(work.resolve("hub"), List.of("-Dhub.dashboard-dir=" + app));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static HttpResponse<String> get(Api api, String path) {
        return api.send(HttpRequest.newBuilder(api.serverRoot().resolve(path)).GET());
    }

    private static String type(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("none");
    }

    @Test
    void theAppsPageIsServedAtItsRootAndForEveryDeepLink() {
        Api api = hub.api();
        for (String path : List.of("crosslink/", "crosslink/issues", "crosslink/agents/worker-1", "crosslink/issues/42/")) {
            HttpResponse<String> page = get(api, path);
            assertEquals(200, page.statusCode(), path);
            assertEquals(PAGE, page.body(), path);
            assertTrue(type(page).startsWith("text/html"), path + ": " + type(page));
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("none");
            assertTrue(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'")
                    && policy.contains("frame-ancestors 'none'"), path + ": " + policy);
        }
        HttpResponse<String> bare = api.send(HttpRequest.newBuilder(api.serverRoot().resolve("crosslink")).GET());
        assertEquals(302, bare.statusCode());
        assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/crosslink/"), bare.headers().toString());
    }

    @Test
    void assetsComeWithTheirContentTypesAndAMissingOneIsA404() {
        Api api = hub.api();
        assertTrue(type(get(api, "crosslink/assets/app.js")).startsWith("text/javascript"));
        assertTrue(type(get(api, "crosslink/assets/app.css")).startsWith("text/css"));
        assertTrue(type(get(api, "crosslink/favicon.svg")).startsWith("image/svg+xml"));
        assertEquals("#root { color: teal; }", get(api, "crosslink/assets/app.css").body());

        HttpResponse<String> missing = get(api, "crosslink/assets/gone.js");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().startsWith("{") && missing.body().contains("\"error\":\"not found\""), missing.body());
        HttpResponse<String> outside = get(api, "crosslink/%2e%2e/hub/hub.log");
        assertNotEquals(200, outside.statusCode(), outside.body());
    }

    @Test
    void theApiTheSocketAndTheConsoleStayTheHubs() {
        Api api = hub.api();
        HttpResponse<String> issues = api.get("api/v1/issues");
        assertEquals(200, issues.statusCode());
        assertTrue(issues.body().startsWith("{\"items\":"), issues.body());
        assertEquals(401, get(api, "api/v1/issues").statusCode()); // still the hub's token check
        assertTrue(get(api, "").body().contains("ops console"));

        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("issues").barrier();
            long id = api.createIssue("seen through /ws beside the dashboard");
            client.awaitContaining("\"issue_id\":" + id + ",");
        }
    }
}
