package dev.crosslinkhub.locks;

import static dev.crosslinkhub.api.WireValues.maxBytes;
import static dev.crosslinkhub.api.WireValues.present;
import static dev.crosslinkhub.api.WireValues.required;

/** The body of {@code POST /api/v1/locks/notify}: {@code {issue_id, action, agent_id}}, all required. */
public record LockNotification(Long issueId, String action, String agentId) {

    /**
     * Nothing is stored, but every subscriber is sent the agent_id: 4 KB, not the 256 of the stored
     * agent_ids, as a notify may name an agent the way its tooling does.
     */
    static final int MAX_AGENT_ID_BYTES = 4096;

    /** Checked by hand: Payara's OpenAPI generator fails on Bean Validation annotations of records. */
    LockNotification checked() {
        present("issue_id", issueId);
        present("action", action);
        maxBytes("agent_id", required("agent_id", agentId), MAX_AGENT_ID_BYTES);
        return this;
    }
}
