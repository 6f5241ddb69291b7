package dev.crosslinkhub.issues;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/** crosslink's Issue: every key always present, {@code null} when empty. */
@JsonbNillable
public record IssueView(long id, String title, String description, IssueStatus status, Priority priority,
                        Long parentId, Instant createdAt, Instant updatedAt, Instant closedAt) {

    static IssueView of(Issue issue) {
        return new IssueView(issue.id(), issue.title(), issue.description(), issue.status(), issue.priority(),
                issue.parentId(), issue.createdAt(), issue.updatedAt(), issue.closedAt());
    }
}
