package dev.crosslinkhub.locks;

import static dev.crosslinkhub.api.WireValues.maxBytes;
import static dev.crosslinkhub.api.WireValues.required;

/** The body of a claim or a release: who, and for a claim the branch the agent works on. */
public record LockClaim(String agentId, String branch) {

    /** Checked by hand: Payara's OpenAPI generator fails on Bean Validation annotations of records. */
    LockClaim checked() {
        maxBytes("agent_id", required("agent_id", agentId), 256);
        maxBytes("branch", branch, 512);
        return this;
    }
}
