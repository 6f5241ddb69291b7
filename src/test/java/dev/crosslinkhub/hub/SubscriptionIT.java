package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.Markers;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Subscriptions filter per channel, and bad input gets an {@code error} frame on a connection that stays usable. */
class SubscriptionIT extends DeployedHub {

    private static List<String> types(List<String> messages) {
        return messages.stream().map(m -> m.replaceAll(".*\"type\":\"([a-z_]+)\".*", "$1")).collect(Collectors.toList());
    }

    private static void assertSeqFromOneWithoutHoles(List<String> messages) {
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(i + 1, HubClient.seq(messages.get(i)), "seq of message " + i + " in " + messages);
        }
    }

    @Test
    void eachClientGetsOnlyItsChannelsAndSubscribeReplacesTheFilter() {
        Api api = api();
        try (HubClient locks = HubClient.connect(api.webSocketUri());
             HubClient agentsAndIssues = HubClient.connect(api.webSocketUri());
             HubClient everything = HubClient.connect(api.webSocketUri())) {
            locks.subscribe("locks").barrier();
            agentsAndIssues.subscribe("agents", "issues").barrier();

            api.post("api/v1/test-events/contract-examples", "");

            assertEquals(List.of("error", "lock_changed"), types(locks.await(2)));
            assertEquals(List.of("error", "heartbeat", "heartbeat", "agent_status", "issue_updated"),
                    types(agentsAndIssues.await(5)));
            assertEquals(List.of("heartbeat", "heartbeat", "agent_status", "issue_updated", "lock_changed",
                    "execution_progress", "execution_progress"), types(everything.await(7)));

            locks.subscribe("execution").barrier();
            api.post("api/v1/test-events/contract-examples", "");
            // A barrier would not do: its answer can overtake events still on their way through
            // the data grid. A marker comes behind them.
            Markers.await("execution", api, locks);

            List<String> received = locks.messages();
            assertEquals(List.of("error", "lock_changed", "error", "execution_progress", "execution_progress", "marker"),
                    types(received));
            assertSeqFromOneWithoutHoles(received);
        }
    }

    @Test
    void anEmptyChannelListReceivesNoEvents() {
        Api api = api();
        try (HubClient none = HubClient.connect(api.webSocketUri());
             HubClient witness = HubClient.connect(api.webSocketUri())) {
            none.subscribe().barrier();
            api.post("api/v1/test-events/contract-examples", "");
            // The hub offers each event to every session at once: once the witness (every channel)
            // has a marker fired after the examples, any example meant for `none` is queued for it,
            // and the answer to its barrier queues behind.
            Markers.await("locks", api, witness);
            none.barrier();
            assertEquals(List.of("error", "error"), types(none.messages()));
        }
    }

    @Test
    void aCrosslink09ClientMaySubscribeToTheDashboardChannel() {
        Api api = api();
        try (HubClient dashboard = HubClient.connect(api.webSocketUri());
             HubClient witness = HubClient.connect(api.webSocketUri())) {
            dashboard.subscribe("dashboard").barrier();
            witness.subscribe("locks").barrier();

            api.post("api/v1/locks/notify", "{\"issue_id\":4,\"action\":\"claimed\",\"agent_id\":\"beta-client\"}");
            witness.awaitContaining("\"agent_id\":\"beta-client\"");
            dashboard.barrier();

            // Accepted (no "unknown channel") and applied: the lock event was not for this client.
            assertEquals(List.of("error", "error"), types(dashboard.messages()));
            assertTrue(dashboard.messages().stream().allMatch(m -> m.contains("unknown message type 'barrier-")),
                    dashboard.messages().toString());
        }
    }

    @Test
    void badInputGetsAnErrorNamingTheProblemAndTheSessionStaysUsable() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();

            assertError(client.send("{not json"), "malformed JSON");
            assertError(client.send("[1,2]"), "must be a JSON object");
            assertError(client.send("{\"channels\":[\"locks\"]}"), "missing field 'type'");
            assertError(client.send("{\"type\":\"unsubscribe\",\"channels\":[\"locks\"]}"), "unknown message type 'unsubscribe'");
            assertError(client.send("{\"type\":\"subscribe\"}"), "'channels'");
            assertError(client.send("{\"type\":\"subscribe\",\"channels\":[\"agents\",7]}"), "non-string entry: 7");
            assertError(client.send("{\"type\":\"subscribe\",\"channels\":[\"agents\",\"Locks\"]}"), "unknown channel 'Locks'");
            assertError(client.sendBinary(new byte[] {1, 2, 3}), "binary messages are not supported");
            assertError(client.send("{\"type\":\"subscribe\",\"channels\":[\"" + "x".repeat(100_000) + "\"]}"),
                    "message too large");

            // Still open, and still filtered on `locks` only: no refused subscribe changed the filter.
            api.post("api/v1/test-events/contract-examples", "");
            String lock = client.awaitContaining("lock_changed");
            List<String> all = client.messages();
            assertEquals(List.of("error", "error", "error", "error", "error", "error", "error", "error", "error", "error",
                    "lock_changed"), types(all));
            assertTrue(lock.startsWith("{\"seq\":11,"), lock);
            assertSeqFromOneWithoutHoles(all);
        }
    }

    @Test
    void aSubscribeStormIsCappedAndTheSessionStaysUsable() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            // Four seconds' allowance (20 a second), back to back: unless the hub took four seconds to
            // read 90 small frames, more than 20 of them fall in one of its seconds. (Under the 100
            // frames a second of any kind that would close the session as a flood: FrameFloodIT.)
            for (int i = 0; i < 90; i++) {
                client.subscribe("locks");
            }
            client.awaitContaining("too many subscribe messages");
            // No barrier here: past 32 waiting errors the hub answers refusals with one summary (OutboxTest),
            // so a barrier's own error may be among those summed up. An event is no refusal: it comes through.
            api.post("api/v1/locks/notify", "{\"issue_id\":3,\"action\":\"claimed\",\"agent_id\":\"storm\"}");
            client.awaitContaining("\"agent_id\":\"storm\"");
        }
    }

    private static void assertError(HubClient client, String expected) {
        String error = client.awaitContaining(expected.replace("\"", "\\\""));
        assertTrue(error.matches("\\{\"message\":\".*\",\"seq\":\\d+,\"type\":\"error\"}"), error);
    }
}
