package dev.crosslinkhub.agents;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A heartbeat, with the fields of crosslink's heartbeat file: {@code agent_id}; the agent's own
 * {@code last_heartbeat} (server time when absent); {@code active_issue_id} and {@code machine_id}.
 */
public record HeartbeatReport(@NotBlank @Size(max = 256) String agentId,
                              Instant lastHeartbeat,
                              Long activeIssueId,
                              @Size(max = 256) String machineId) {
}
