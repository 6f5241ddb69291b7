package dev.crosslinkhub.orchestration;

import java.util.List;

/**
 * {@code POST /orchestrator/plans}: a plan written by the client (crosslink makes it with its
 * {@code claude} CLI, which a server cannot run). Ids are optional and follow crosslink's scheme
 * when absent; {@code depends_on} names other stages by id or by title.
 */
public record NewPlan(String id, String documentSlug, String sourceDocument, List<NewPhase> phases) {

    public record NewPhase(String id, String title, String description, List<NewStage> stages, List<String> gateCriteria) {
    }

    public record NewStage(String id, String title, String description, List<NewTask> tasks, List<String> dependsOn,
                           Integer agentCount, Double complexityHours) {
    }

    public record NewTask(String id, String title, String description, Double complexityHours) {
    }
}
