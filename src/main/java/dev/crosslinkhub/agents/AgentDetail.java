package dev.crosslinkhub.agents;

import dev.crosslinkhub.events.AgentStatus;
import java.time.Instant;
import java.util.List;

/**
 * crosslink's AgentDetail: the summary (with its {@code id}, as crosslink's dashboard reads it),
 * plus the heartbeat history (its last heartbeat, as crosslink keeps).
 */
public record AgentDetail(String id, String agentId, String machineId, String description, AgentStatus status,
                          Instant lastHeartbeat, Long activeIssueId, String branch, String worktreePath,
                          List<Long> locks, List<Instant> heartbeatHistory, String kickoffStatus) {

    static AgentDetail of(AgentSummary summary, boolean known) {
        return new AgentDetail(summary.id(), summary.agentId(), summary.machineId(), null, summary.status(), summary.lastHeartbeat(),
                summary.activeIssueId(), null, null, summary.locks(),
                known ? List.of(summary.lastHeartbeat()) : List.of(), null);
    }
}
