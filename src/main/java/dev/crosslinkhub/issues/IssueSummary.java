package dev.crosslinkhub.issues;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;

/** crosslink's IssueSummary: the issue, its labels, and how many issues block it (open or closed). */
@JsonbNillable
public record IssueSummary(long id, String title, String description, IssueStatus status, Priority priority,
                           Long parentId, Instant createdAt, Instant updatedAt, Instant closedAt,
                           List<String> labels, int blockerCount) {

    static IssueSummary of(Issue issue) {
        return new IssueSummary(issue.id(), issue.title(), issue.description(), issue.status(), issue.priority(),
                issue.parentId(), issue.createdAt(), issue.updatedAt(), issue.closedAt(),
                List.copyOf(issue.labels()), issue.blockerIds().size());
    }
}
