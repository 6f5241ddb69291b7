package dev.crosslinkhub.issues;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;

/**
 * crosslink's IssueDetail: the issue with its labels, comments, the issues that block it
 * ({@code blockers}), those it blocks ({@code blocking}), its sub-issues and its milestone.
 */
@JsonbNillable
public record IssueDetail(long id, String title, String description, IssueStatus status, Priority priority,
                          Long parentId, Instant createdAt, Instant updatedAt, Instant closedAt,
                          List<String> labels, List<CommentView> comments, List<Long> blockers, List<Long> blocking,
                          List<IssueView> subissues, @JsonbNillable(false) MilestoneRef milestone) {

    /** {@code milestone?: {id, name, status}}, omitted when the issue has none. */
    public record MilestoneRef(long id, String name, String status) {
    }
}
