package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A crosslink 0.8 client sees exactly crosslink's bytes for every event a bean fires. */
class EventWireFormatIT extends DeployedHub {

    @Test
    void everyCrosslinkEventArrivesWithTheContractsExactBytes() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            api.post("api/v1/test-events/contract-examples", "");

            // crosslink-0.8-contract.md §1.6, byte for byte
            assertEquals(List.of(
                    "{\"seq\":1,\"active_issue_id\":42,\"agent_id\":\"worker-1\",\"timestamp\":\"2026-04-17T09:15:02.481923117Z\",\"type\":\"heartbeat\"}",
                    "{\"seq\":2,\"agent_id\":\"worker-1\",\"timestamp\":\"2026-04-17T09:15:02.481923117Z\",\"type\":\"heartbeat\"}",
                    "{\"seq\":3,\"agent_id\":\"worker-1\",\"status\":\"active\",\"type\":\"agent_status\"}",
                    "{\"seq\":4,\"field\":\"status\",\"issue_id\":42,\"type\":\"issue_updated\"}",
                    "{\"seq\":5,\"action\":\"claimed\",\"agent_id\":\"worker-1\",\"issue_id\":42,\"type\":\"lock_changed\"}",
                    "{\"seq\":6,\"agent_id\":\"worker-1\",\"phase_id\":\"7c9e…-p0\",\"plan_id\":\"7c9e…\",\"stage_id\":\"7c9e…-p0-s1\",\"status\":\"running\",\"type\":\"execution_progress\"}",
                    "{\"seq\":7,\"phase_id\":\"7c9e…-p0\",\"plan_id\":\"7c9e…\",\"stage_id\":\"7c9e…-p0-s2\",\"status\":\"skipped\",\"type\":\"execution_progress\"}"),
                    client.await(7));
        }
    }

    @Test
    void anApplicationsOwnEventRidesItsOwnChannel() {
        Api api = api();
        try (HubClient orders = HubClient.connect(api.webSocketUri());
             HubClient locks = HubClient.connect(api.webSocketUri())) {
            orders.subscribe("orders");
            locks.subscribe("locks");
            // A lock event after the orders proves both filters were applied before the orders fired.
            api.post("api/v1/test-events/orders?count=2&first=7", "");
            api.post("api/v1/test-events/committed?issue=5", "");

            assertEquals(List.of(
                    "{\"seq\":1,\"carrier\":\"DHL\",\"order_id\":7,\"padding\":\"\",\"type\":\"order_shipped\"}",
                    "{\"seq\":2,\"carrier\":\"DHL\",\"order_id\":8,\"padding\":\"\",\"type\":\"order_shipped\"}"),
                    orders.await(2));
            assertEquals(List.of("{\"seq\":1,\"action\":\"claimed\",\"agent_id\":\"committer\",\"issue_id\":5,\"type\":\"lock_changed\"}"),
                    locks.await(1));
        }
    }
}
