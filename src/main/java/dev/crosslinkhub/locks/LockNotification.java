package dev.crosslinkhub.locks;

import static dev.crosslinkhub.api.WireValues.present;
import static dev.crosslinkhub.api.WireValues.required;

/** The body of {@code POST /api/v1/locks/notify}: {@code {issue_id, action, agent_id}}, all required. */
public record LockNotification(Long issueId, String action, String agentId) {

    /** Checked by hand: Payara's OpenAPI generator fails on Bean Validation annotations of records. */
    LockNotification checked() {
        present("issue_id", issueId);
        present("action", action);
        required("agent_id", agentId);
        return this;
    }
}
