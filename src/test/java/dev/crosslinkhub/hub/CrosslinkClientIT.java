package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DatabasePerServer;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.HubDeployment;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With {@code hub.ws.allow-anonymous=true}, a crosslink 0.8 client (no token on /ws) works unchanged. */
@ExtendWith(DatabasePerServer.class) // before Arquillian starts the server
@ExtendWith(ArquillianExtension.class)
class CrosslinkClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HubDeployment.forAnonymousClients();
    }

    @ArquillianResource
    URL base;

    @Test
    void theDashboardsSubscribeWorksWithoutAToken() {
        Api api = new Api(base);
        try (HubClient dashboard = HubClient.connectAnonymously(api.webSocketUri())) {
            dashboard.send("{\"type\":\"subscribe\",\"channels\":[\"agents\",\"issues\",\"execution\"]}").barrier();
            long issue = api.createIssue("seen by the dashboard");
            api.post("api/v1/locks/" + issue + "/claim", "{\"agent_id\":\"w\"}"); // locks: not subscribed
            api.post("api/v1/issues/" + issue + "/close", "");
            // the close's event, not a barrier: a frame the hub answers may overtake an event still on its way through the relay
            dashboard.awaitContaining("\"field\":\"status\",\"issue_id\":" + issue + ",");
            assertEquals(java.util.List.of(
                    "{\"seq\":2,\"field\":\"created\",\"issue_id\":" + issue + ",\"type\":\"issue_updated\"}",
                    "{\"seq\":3,\"field\":\"status\",\"issue_id\":" + issue + ",\"type\":\"issue_updated\"}"),
                    dashboard.messages().subList(1, 3));
        }
    }
}
