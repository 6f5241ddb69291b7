package dev.crosslinkhub.orchestration;

import dev.crosslinkhub.events.StageStatus;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** crosslink's ExecutionStatus: where the execution stands, stage by stage. */
@JsonbNillable
public record ExecutionStatus(String planId, ExecutionState state, String currentPhaseId, double progressPercent,
                              Instant startedAt, Instant completedAt, Map<String, String> stageStatuses,
                              Map<String, String> stageAgents) {

    static ExecutionStatus of(Execution execution, List<StageRun> stages) {
        // Wire names: JSON-B writes an enum map value by its constant name, not by the enum's serializer.
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, String> agents = new LinkedHashMap<>();
        String currentPhase = null;
        long settled = 0;
        for (StageRun stage : stages) {
            statuses.put(stage.stageId(), stage.status().wireName());
            if (stage.agentId() != null) {
                agents.put(stage.stageId(), stage.agentId());
            }
            if (stage.status() == StageStatus.DONE || stage.status() == StageStatus.SKIPPED) {
                settled++;
            } else if (currentPhase == null) {
                currentPhase = stage.phaseId();
            }
        }
        double percent = stages.isEmpty() ? 0.0 : 100.0 * settled / stages.size();
        return new ExecutionStatus(execution.planId(), execution.state(), currentPhase, percent, execution.startedAt(),
                execution.completedAt(), statuses, agents);
    }

    /** crosslink's ExecutionStatusResponse: {@code {status, progress_pct, detail?}}. */
    public record Response(String status, int progressPct, ExecutionStatus detail) {

        static Response idle() {
            return new Response(ExecutionState.IDLE.wireName(), 0, null);
        }

        static Response of(ExecutionStatus detail) {
            return new Response(detail.state().wireName(), (int) Math.floor(detail.progressPercent()), detail);
        }
    }
}
