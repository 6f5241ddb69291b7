package dev.crosslinkhub.issues;

import java.time.Instant;

/** crosslink's Comment; {@code trigger_type} and {@code intervention_context} omitted when absent. */
public record CommentView(long id, long issueId, String content, Instant createdAt, CommentKind kind,
                          String triggerType, String interventionContext) {

    static CommentView of(Comment comment) {
        return new CommentView(comment.id(), comment.issueId(), comment.content(), comment.createdAt(), comment.kind(),
                comment.triggerType(), comment.interventionContext());
    }
}
