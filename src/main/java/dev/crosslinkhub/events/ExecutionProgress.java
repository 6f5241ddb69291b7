package dev.crosslinkhub.events;

import java.util.Objects;

/**
 * An orchestration stage changed status. {@code agentId} is the stage's agent, null (omitted on
 * the wire) when it has none.
 */
public record ExecutionProgress(String planId, String phaseId, String stageId, StageStatus status, String agentId)
        implements HubEvent {

    public ExecutionProgress {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(phaseId, "phaseId");
        Objects.requireNonNull(stageId, "stageId");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String channel() {
        return Channels.EXECUTION;
    }

    @Override
    public String type() {
        return "execution_progress";
    }
}
