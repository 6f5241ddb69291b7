package dev.crosslinkhub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compose topology, natively: two hubs in one data grid, on one PostgreSQL, behind HAProxy. */
class ClusterTopologyIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ClusterTopology topology;

    @BeforeAll
    static void startTwoHubsBehindHaproxy() {
        topology = ClusterTopology.start("two-hubs", 2);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void everyHubAnswersHealthDirectlyAndThroughTheProxy() {
        for (HubInstance hub : topology.hubs()) {
            HttpResponse<String> health = get(hub.baseUri().resolve("api/v1/health"));
            assertEquals(200, health.statusCode(), hub + ": " + health.body());
            assertTrue(health.body().contains("\"status\":\"ok\""), health.body());
            assertEquals(200, get(hub.serverRoot().resolve("health/ready")).statusCode(), hub + " is not ready");
        }

        Haproxy proxy = topology.proxy();
        Await.until("HAProxy finds both hubs up (up: " + proxy.serversUp() + ")",
                () -> proxy.serversUp().containsAll(Set.of("hub-1", "hub-2")));
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> health = get(proxy.baseUri().resolve("api/v1/health"));
            assertEquals(200, health.statusCode(), "through HAProxy: " + health.body());
            health.headers().firstValue("X-Hub-Server").ifPresent(answeredBy::add);
        }
        assertEquals(Set.of("hub-1", "hub-2"), answeredBy, "HAProxy spreads requests over both hubs");
    }

    @Test
    void aWebSocketUpgradeThroughTheProxyCarriesEventsBothWays() {
        try (HubClient client = HubClient.connect(topology.proxy().webSocketUri())) {
            client.subscribe("locks");
            assertTrue(client.barrier().contains("\"type\":\"error\""), "the hub answers through the tunnel");

            // The socket is on one of the two hubs, which one is HAProxy's choice: fire on both.
            for (HubInstance hub : topology.hubs()) {
                Api api = new Api(toUrl(hub.baseUri()));
                HttpResponse<String> notified = api.post("api/v1/locks/notify",
                        "{\"issue_id\":42,\"action\":\"claimed\",\"agent_id\":\"" + hub.name() + "\"}");
                assertEquals(200, notified.statusCode(), notified.body());
            }
            assertTrue(client.awaitContaining("\"type\":\"lock_changed\"").contains("\"issue_id\":42"));
        }
    }

    @Test
    void bothHubsLogADataGridOfTwo() {
        for (HubInstance hub : topology.hubs()) {
            assertEquals(2, hub.gridSize(), hub + " logged another grid size");
        }
    }

    private static java.net.URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (java.net.MalformedURLException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
