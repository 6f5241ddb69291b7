package dev.crosslinkhub.events;

import java.util.Objects;

/**
 * An issue changed. {@code field} names what changed, as crosslink does: {@code created},
 * {@code updated}, {@code deleted}, {@code status}, {@code comments}, {@code labels},
 * {@code blockers}, {@code subissues}.
 */
public record IssueUpdated(long issueId, String field) implements HubEvent {

    public IssueUpdated {
        Objects.requireNonNull(field, "field");
    }

    @Override
    public String channel() {
        return Channels.ISSUES;
    }

    @Override
    public String type() {
        return "issue_updated";
    }
}
