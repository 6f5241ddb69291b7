package dev.crosslinkhub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.console.Browser;
import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.OwnHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A small single-page app of this test's own, served through hub.dashboard-dir as crosslink's built
 * dashboard would be: at /crosslink/, and at the root of the dashboard's host name, where a real
 * browser runs it against the hub's API and /ws as crosslink's dashboard does.
 */
class CrosslinkDashboardIT {

    /** Its page asks for its assets at /assets/, as crosslink's dashboard built unchanged does. */
    private static final String PAGE = "<!doctype html><html><head><script type=\"module\" src=\"/assets/app.js\"></script>"
            + "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><div id=\"root\">the test's app</div></body></html>";

    /** What crosslink's dashboard does on load: its route from the URL, the API with the token, /ws on its own host. */
    private static final String APP = """
            const root = document.getElementById('root');
            root.dataset.path = location.pathname;
            fetch('/api/v1/issues', { headers: { Authorization: 'Bearer ' + new URLSearchParams(location.search).get('token') } })
              .then(r => r.json()).then(body => { root.dataset.issues = String(body.items.length); });
            const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
            ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channels: ['issues'] }));
            ws.onmessage = m => { const e = JSON.parse(m.data); if (e.type === 'issue_updated') root.dataset.live = (root.dataset.live || '') + e.issue_id + ','; };
            ws.onclose = c => { root.dataset.closed = String(c.code); };
            """;

    @RegisterExtension
    static final OwnHub hub = OwnHub.preparedBy(work -> {
        Path app = Files.createDirectories(work.resolve("dist"));
        Files.writeString(app.resolve("index.html"), PAGE);
        Path assets = Files.createDirectories(app.resolve("assets"));
        Files.writeString(assets.resolve("app.js"), APP);
        Files.writeString(assets.resolve("app.css"), "#root { color: teal; }");
        Files.writeString(app.resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        // crosslink's dashboard opens /ws without a token: anonymous sockets, the REST API still behind the token
        return List.of("-Dhub.dashboard-dir=" + app, "-Dhub.ws.allow-anonymous=true");
    });

    private static HttpResponse<String> get(Api api, String path) {
        return api.send(HttpRequest.newBuilder(api.serverRoot().resolve(path)).GET());
    }

    /**
     * A GET with {@code host} as its Host header, which java.net.http will not send: one HTTP/1.1
     * request on a socket of its own. Returns the status line, headers and body as they came.
     */
    private static String getAs(String host, String path) {
        URI root = hub.api().serverRoot();
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + Api.TOKEN
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dashboardHost() {
        return "dashboard.localhost:" + hub.api().serverRoot().getPort();
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

    @Test
    void atTheDashboardsOwnHostNameItsRoutesAndAssetsAreAtTheRootAndTheApiStaysTheHubs() {
        for (String path : List.of("/", "/issues", "/agents/worker-1", "/usage")) {
            String answer = getAs(dashboardHost(), path);
            assertTrue(answer.startsWith("HTTP/1.1 200"), path + ": " + answer);
            assertTrue(answer.endsWith(PAGE), path + ": " + answer);
        }
        String script = getAs(dashboardHost(), "/assets/app.js");
        assertTrue(script.startsWith("HTTP/1.1 200") && script.toLowerCase(Locale.ROOT).contains("content-type: text/javascript"), script);
        assertTrue(getAs(dashboardHost(), "/assets/gone.js").startsWith("HTTP/1.1 404"));

        String issues = getAs(dashboardHost(), "/api/v1/issues");
        assertTrue(issues.startsWith("HTTP/1.1 200") && issues.contains("{\"items\":"), issues);
        String health = getAs("DASHBOARD.localhost", "/api/v1/health");
        assertTrue(health.contains("\"status\":\"ok\""), health);

        String console = getAs("127.0.0.1:" + hub.api().serverRoot().getPort(), "/issues");
        assertTrue(console.startsWith("HTTP/1.1 404"), "other host names keep the hub's own pages: " + console);
        assertTrue(getAs("127.0.0.1", "/").contains("ops console"));
    }

    @Test
    void aBrowserRunsTheAppAtTheDashboardHostWithTheApiAndLiveEvents() {
        try (Browser browser = Browser.start()) {
            browser.driver().get("http://" + dashboardHost() + "/issues/7?token=" + Api.TOKEN);
            browser.await("the app read the API", Duration.ofSeconds(20),
                    driver -> browser.script("return document.getElementById('root').dataset.issues") != null);
            assertEquals("/issues/7", browser.script("return document.getElementById('root').dataset.path"));
            Await.until("the app's socket is open", () -> hub.api().openSessions() >= 1);
            long id = hub.api().createIssue("seen live by the app at the dashboard host");
            browser.await("the app heard the new issue on /ws", Duration.ofSeconds(20),
                    driver -> String.valueOf(browser.script("return document.getElementById('root').dataset.live")).contains(id + ","));
        }
    }
}
