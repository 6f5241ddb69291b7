package dev.crosslinkhub.agents;

import dev.crosslinkhub.events.AgentStatus;
import java.time.Instant;
import java.util.List;

/**
 * crosslink's AgentSummary; {@code description}, {@code branch} and {@code worktree_path} come
 * from git worktrees in crosslink and are omitted here. {@code id} repeats {@code agent_id}:
 * crosslink's dashboard reads its agent cards' names and links from {@code agent.id}.
 */
public record AgentSummary(String id, String agentId, String machineId, String description, AgentStatus status,
                           Instant lastHeartbeat, Long activeIssueId, String branch, String worktreePath,
                           List<Long> locks) {

    AgentSummary(String agentId, String machineId, String description, AgentStatus status, Instant lastHeartbeat,
                 Long activeIssueId, String branch, String worktreePath, List<Long> locks) {
        this(agentId, agentId, machineId, description, status, lastHeartbeat, activeIssueId, branch, worktreePath, locks);
    }

    static AgentSummary of(Agent agent, AgentStatus status, List<Long> locks) {
        return new AgentSummary(agent.agentId(), agent.machineId(), null, status, agent.lastHeartbeat(),
                agent.activeIssueId(), null, null, locks);
    }
}
