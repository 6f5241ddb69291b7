package dev.crosslinkhub.agents;

import static dev.crosslinkhub.api.WireValues.maxBytes;
import static dev.crosslinkhub.api.WireValues.required;

import java.time.Instant;

/**
 * A heartbeat, with the fields of crosslink's heartbeat file: {@code agent_id}; the agent's own
 * {@code last_heartbeat} (server time when absent); {@code active_issue_id} and {@code machine_id}.
 */
public record HeartbeatReport(String agentId, Instant lastHeartbeat, Long activeIssueId, String machineId) {

    /**
     * Checked by hand rather than with Bean Validation on the components: Payara's OpenAPI
     * generator fails on constraint annotations of records.
     */
    HeartbeatReport checked() {
        maxBytes("agent_id", required("agent_id", agentId), 256);
        maxBytes("machine_id", machineId, 256);
        return this;
    }
}
