package dev.crosslinkhub.issues;

/** The JSON bodies the issue routes take; their values are checked by {@link IssueService}. */
public final class IssueRequests {

    /** {@code POST /issues} and {@code POST /issues/{id}/subissue}. */
    public record NewIssue(String title, String description, String priority, Long parentId) {
    }

    /** {@code PATCH /issues/{id}}: an absent or null field stays as it is. */
    public record IssuePatch(String title, String description, String priority) {
    }

    public record NewComment(String content, String kind, String triggerType, String interventionContext) {
    }

    public record NewLabel(String label) {
    }

    public record NewBlocker(Long blockerId) {
    }

    private IssueRequests() {
    }
}
