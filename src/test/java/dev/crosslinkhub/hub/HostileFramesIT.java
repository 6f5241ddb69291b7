package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames a hostile or buggy client sends: each is answered with an {@code error}, the session
 * keeps working (the next event arrives), and the hub's session count agrees that it is open.
 */
class HostileFramesIT extends DeployedHub {

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
}
