package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hub announces a change only once its transaction has committed. */
class TransactionalDeliveryIT extends DeployedHub {

    @Test
    void rolledBackChangeIsNeverAnnouncedWhileACommittedOneIs() {
        Api api = api();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            assertEquals(200, api.post("api/v1/test-events/rolled-back?issue=1", "").statusCode());
            assertEquals(200, api.post("api/v1/test-events/committed?issue=2", "").statusCode());

            // Had the rolled-back event been sent, it would have been queued first.
            assertEquals(List.of("{\"seq\":1,\"action\":\"claimed\",\"agent_id\":\"committer\",\"issue_id\":2,\"type\":\"lock_changed\"}"),
                    client.await(1));
            client.barrier();
            assertEquals(2, client.count(), "nothing but the committed event and the barrier: " + client.messages());
        }
    }
}
