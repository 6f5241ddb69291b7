package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.bench.ConnectionChurn;
import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Connections that come and go, every way a client can end one, leave nothing in the hub: its
 * registry, its per-address table, the connections it holds beneath its sessions and its timer
 * all come back to where they were, and the hub still serves the next client. The benchmark's
 * {@code churn-100000} runs the same cycles twenty times over and measures the memory.
 */
class ChurnIT extends DeployedHub {

    private static final int CYCLES = 5_000;
    private static final int AT_A_TIME = 200;
    /** pom.xml: hub.ws.max-connections-per-address=40, with 127.0.0.1 trusted as a proxy. */
    private static final int PER_ADDRESS_LIMIT = 40;

    @Test
    void fiveThousandCyclesOfCleanClosesResetsClosesMidMessageAndRefusalsLeaveNothingBehind() throws Exception {
        Api api = api();
        Map<String, Long> before = tables(api);
        ConnectionChurn churn = new ConnectionChurn(api.webSocketUri(), Api.TOKEN, "198.51.100.7");
        ConnectionChurn.Outcome outcome;
        try (ConnectionChurn.Crowd crowd = churn.crowd(PER_ADDRESS_LIMIT + 10)) {
            assertEquals(PER_ADDRESS_LIMIT, crowd.size(), "sessions one address may hold before the hub refuses (1008)");
            outcome = churn.run(CYCLES, AT_A_TIME);
            assertEquals(0, crowd.lost(), "sessions of the full address that ended while the others came and went");
        }

        System.out.println("churn: " + outcome.describe());
        assertEquals(0, outcome.failed(), outcome.describe());
        for (ConnectionChurn.Ending ending : ConnectionChurn.Ending.values()) {
            assertEquals(CYCLES / 4, outcome.asExpected().get(ending), ending + ": " + outcome.describe());
        }
        AtomicReference<Map<String, Long>> after = new AtomicReference<>();
        Await.within(Duration.ofSeconds(30), Await.Pace.every(Duration.ofMillis(200)), () -> after.updateAndGet(ignored -> tables(api)).equals(before));
        assertEquals(before, after.get(), "what the hub holds after the churn, against before it");

        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("locks").barrier();
            api.post("api/v1/locks/notify", "{\"issue_id\":3,\"action\":\"claimed\",\"agent_id\":\"after-churn\"}");
            client.awaitContaining("\"agent_id\":\"after-churn\"");
        }
    }

    private static Map<String, Long> tables(Api api) {
        return ConnectionChurn.TABLES.stream().collect(Collectors.toMap(name -> name, api::metric, (a, b) -> a, TreeMap::new));
    }
}
