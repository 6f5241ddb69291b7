package dev.crosslinkhub.hub;

import java.util.List;

/**
 * The fan-out's answer to an outbox that replays: the next batch from the resume log, "caught
 * up, go live", or "too old, reset". Each names the cursor it answers, so that an outbox that was
 * resumed afresh meanwhile can tell a stale answer.
 */
sealed interface ReplayStep {

    /** The cursor this step continues from. */
    long after();

    /** Wanted events after the cursor, and how far the log was scanned (the new cursor). */
    record Batch(long after, List<EventLog.Entry> entries, long scannedUpTo) implements ReplayStep {
    }

    /** Nothing more in the log: live events flow again. */
    record CaughtUp(long after) implements ReplayStep {
    }

    /** Events after the cursor are no longer kept: tell the client, and go live. */
    record Reset(long after, long oldestId, long latestId) implements ReplayStep {
    }
}
