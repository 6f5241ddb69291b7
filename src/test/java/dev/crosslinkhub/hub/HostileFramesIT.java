package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DatabasePerServer;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.HubDeployment;
import dev.crosslinkhub.testapp.faults.FaultyDrains;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Frames a hostile or buggy client sends: each is answered with an {@code error}, the session
 * keeps working (the next event arrives), and the hub's session count agrees that it is open.
 * And a fault in the hub's own sending to one session ({@link FaultyDrains}, deployed here only):
 * that session is closed with a code, counted, and the others go on.
 */
@ExtendWith(DatabasePerServer.class) // before Arquillian starts the server
@ExtendWith(ArquillianExtension.class)
class HostileFramesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HubDeployment.withTestApp().addPackage(FaultyDrains.PACKAGE);
    }

    @ArquillianResource
    URL base;

    private Api api() {
        return new Api(base);
    }

    private static String nestedChannels(int levels) {
        return "{\"type\":\"subscribe\",\"channels\":" + "[".repeat(levels) + "]".repeat(levels) + "}";
    }

    private static String since(String number) {
        return "{\"type\":\"subscribe\",\"channels\":[\"locks\"],\"since\":" + number + "}";
    }

    @Test
    void deepNestingAndOutlandishSinceValuesGetAnErrorAndTheSessionStaysFullyWorking() {
        Api api = api();
        List<String[]> cases = List.of(
                new String[] {nestedChannels(2_000), "JSON nested 2001 levels deep"},
                new String[] {nestedChannels(100_000), "message too large"},
                // over Tyrus' default incoming buffer of 4 MiB: it still hands the frame on in parts
                new String[] {nestedChannels(2_500_000), "message too large"},
                new String[] {since("1e999999"), "'since' must be a non-negative integer"},
                new String[] {since("-5"), "'since' must be a non-negative integer"});
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            long sessions = api.metric("crosslink_hub_sessions");
            for (int i = 0; i < cases.size(); i++) {
                client.send(cases.get(i)[0]);
                client.awaitContaining(cases.get(i)[1]);
                api.post("api/v1/locks/notify", "{\"issue_id\":5,\"action\":\"claimed\",\"agent_id\":\"after-" + i + "\"}");
                client.awaitContaining("\"agent_id\":\"after-" + i + "\"");
                assertFalse(client.isClosed(), "still connected after case " + i);
                assertEquals(sessions, api.metric("crosslink_hub_sessions"), "the hub still counts the session after case " + i);
            }
        }
    }

    @Test
    void aFaultInTheDrainClosesThatSessionWith1011AndTheOthersGoOn() {
        Api api = api();
        endsWith(api, "error", 1011, "crosslink_hub_session_failures_total");
    }

    @Test
    void aSendTheContainerRefusesClosesThatSessionWith1013AndTheOthersGoOn() {
        Api api = api();
        endsWith(api, "exception", 1013, "crosslink_hub_evictions_total");
    }

    /** A session whose first send meets {@code fault} is closed with {@code code} and counted in {@code counter}; another hears on. */
    private static void endsWith(Api api, String fault, int code, String counter) {
        try (HubClient listener = HubClient.connect(api.webSocketUri());
             HubClient faulty = HubClient.connect(URI.create(api.webSocketUri() + "?" + FaultyDrains.PARAMETER + "=" + fault))) {
            listener.subscribe("locks").barrier();
            faulty.subscribe("locks"); // answered by nothing: its first send is the event below
            Await.until("both sessions registered", () -> api.metric("crosslink_hub_sessions") == 2);
            long counted = api.metric(counter);

            api.post("api/v1/locks/notify", "{\"issue_id\":6,\"action\":\"claimed\",\"agent_id\":\"fault-" + fault + "\"}");
            listener.awaitContaining("\"agent_id\":\"fault-" + fault + "\"");
            Await.until("the faulty session closed", faulty::isClosed);
            assertEquals(code, faulty.closeCode(), "the close code of the session whose send failed");
            assertEquals(1, api.metric("crosslink_hub_sessions"), "the hub counts the one session left");
            assertEquals(counted + 1, api.metric(counter), counter);

            api.post("api/v1/locks/notify", "{\"issue_id\":6,\"action\":\"released\",\"agent_id\":\"after-" + fault + "\"}");
            listener.awaitContaining("\"agent_id\":\"after-" + fault + "\"");
        }
    }
}
