package dev.crosslinkhub.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which resource an event changed, from the event as the hub encodes it. */
class ResourceWatchTest {

    @Test
    void aLockChangeChangesTheLocksAndAnIssueUpdateItsIssue() {
        assertEquals("crosslink://locks", ResourceWatch.uriOf(
                "{\"epoch\":0,\"event_id\":9,\"action\":\"claimed\",\"agent_id\":\"a\",\"issue_id\":7,\"type\":\"lock_changed\"}"));
        assertEquals("crosslink://issues/7", ResourceWatch.uriOf(
                "{\"epoch\":0,\"event_id\":10,\"issue_id\":7,\"field\":\"comments\",\"type\":\"issue_updated\"}"));
    }
}
