package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crosslinkhub.events.AgentStatus;
import dev.crosslinkhub.events.AgentStatusChanged;
import dev.crosslinkhub.events.ExecutionProgress;
import dev.crosslinkhub.events.Heartbeat;
import dev.crosslinkhub.events.HubEvent;
import dev.crosslinkhub.events.IssueUpdated;
import dev.crosslinkhub.events.LockAction;
import dev.crosslinkhub.events.LockChanged;
import dev.crosslinkhub.events.StageStatus;
import dev.crosslinkhub.hub.relay.EncodedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JSON shapes of crosslink-0.8-contract.md §1.6, and how an application's own event is written. */
class EventEncoderTest {

    private static final EventEncoder ENCODER = new EventEncoder();
    private static final Instant TIME = Instant.parse("2026-04-17T09:15:02.481923117Z");

    @AfterAll
    static void close() throws Exception {
        ENCODER.close();
    }

    private static String first(HubEvent event) {
        return new OutboundFrame.Event(ENCODER.encode(event), 99, 0).render(1, OutboundFrame.NO_IDS);
    }

    @Test
    void heartbeatWithAndWithoutActiveIssue() {
        assertEquals("{\"seq\":1,\"active_issue_id\":42,\"agent_id\":\"worker-1\",\"timestamp\":\"2026-04-17T09:15:02.481923117Z\",\"type\":\"heartbeat\"}",
                first(new Heartbeat("worker-1", TIME, 42L)));
        assertEquals("{\"seq\":1,\"agent_id\":\"worker-1\",\"timestamp\":\"2026-04-17T09:15:02.481923117Z\",\"type\":\"heartbeat\"}",
                first(new Heartbeat("worker-1", TIME, null)));
    }

    @Test
    void timestampsUseTheShortestFractionInGroupsOfThreeDigits() {
        assertEquals("{\"seq\":1,\"agent_id\":\"a\",\"timestamp\":\"2026-04-17T09:15:02Z\",\"type\":\"heartbeat\"}",
                first(new Heartbeat("a", Instant.parse("2026-04-17T09:15:02Z"), null)));
        assertEquals("{\"seq\":1,\"agent_id\":\"a\",\"timestamp\":\"2026-04-17T09:15:02.480Z\",\"type\":\"heartbeat\"}",
                first(new Heartbeat("a", Instant.parse("2026-04-17T09:15:02.48Z"), null)));
    }

    @Test
    void agentStatusIssueLockAndExecution() {
        assertEquals("{\"seq\":1,\"agent_id\":\"worker-1\",\"status\":\"active\",\"type\":\"agent_status\"}",
                first(new AgentStatusChanged("worker-1", AgentStatus.ACTIVE)));
        assertEquals("{\"seq\":1,\"field\":\"status\",\"issue_id\":42,\"type\":\"issue_updated\"}",
                first(new IssueUpdated(42, "status")));
        assertEquals("{\"seq\":1,\"action\":\"claimed\",\"agent_id\":\"worker-1\",\"issue_id\":42,\"type\":\"lock_changed\"}",
                first(new LockChanged(42, LockAction.CLAIMED, "worker-1")));
        assertEquals("{\"seq\":1,\"agent_id\":\"worker-1\",\"phase_id\":\"7c9e…-p0\",\"plan_id\":\"7c9e…\",\"stage_id\":\"7c9e…-p0-s1\",\"status\":\"running\",\"type\":\"execution_progress\"}",
                first(new ExecutionProgress("7c9e…", "7c9e…-p0", "7c9e…-p0-s1", StageStatus.RUNNING, "worker-1")));
        assertEquals("{\"seq\":1,\"phase_id\":\"7c9e…-p0\",\"plan_id\":\"7c9e…\",\"stage_id\":\"7c9e…-p0-s2\",\"status\":\"skipped\",\"type\":\"execution_progress\"}",
                first(new ExecutionProgress("7c9e…", "7c9e…-p0", "7c9e…-p0-s2", StageStatus.SKIPPED, null)));
    }

    @Test
    void negativeIssueIdsStayIntegers() {
        assertEquals("{\"seq\":1,\"field\":\"created\",\"issue_id\":-3,\"type\":\"issue_updated\"}",
                first(new IssueUpdated(-3, "created")));
    }

    public record Shipment(String zone, int crates) {
    }

    public record ContainerLoaded(String vesselName, List<Shipment> shipments, Map<String, Integer> weights, String note)
            implements HubEvent {
        @Override
        public String channel() {
            return "port";
        }

        @Override
        public String type() {
            return "container_loaded";
        }
    }

    @Test
    void anApplicationsEventIsSnakeCaseSortedWithItsTypeAndNoNulls() {
        EncodedEvent encoded = ENCODER.encode(new ContainerLoaded("Ever Given", List.of(new Shipment("b", 2)),
                Map.of("z", 1, "a", 2), null));
        assertEquals("port", encoded.channel());
        assertEquals("\"shipments\":[{\"crates\":2,\"zone\":\"b\"}],\"type\":\"container_loaded\",\"vessel_name\":\"Ever Given\",\"weights\":{\"a\":2,\"z\":1}}",
                encoded.tail());
    }

    @Test
    void specialCharactersAreEscaped() {
        assertEquals("{\"seq\":1,\"field\":\"say \\\"hi\\\"\\n\",\"issue_id\":1,\"type\":\"issue_updated\"}",
                first(new IssueUpdated(1, "say \"hi\"\n")));
    }

    @Test
    void anEventWithoutChannelOrTypeIsRefused() {
        HubEvent nameless = new HubEvent() {
            @Override
            public String channel() {
                return "";
            }

            @Override
            public String type() {
                return "x";
            }
        };
        assertThrows(IllegalArgumentException.class, () -> ENCODER.encode(nameless));
    }
}
