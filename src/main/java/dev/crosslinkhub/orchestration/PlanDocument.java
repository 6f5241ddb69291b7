package dev.crosslinkhub.orchestration;

import java.time.Instant;
import java.util.List;

/** crosslink's OrchestratorPlan, as stored and served. */
public record PlanDocument(String id, String documentSlug, List<Phase> phases, Instant createdAt, int totalStages,
                           double estimatedHours) {

    public record Phase(String id, String title, String description, List<Stage> stages, List<String> gateCriteria) {
    }

    public record Stage(String id, String title, String description, List<Task> tasks, List<String> dependsOn,
                        int agentCount, double complexityHours) {
    }

    public record Task(String id, String title, String description, double complexityHours) {
    }
}
