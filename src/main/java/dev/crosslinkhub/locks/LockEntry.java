package dev.crosslinkhub.locks;

import java.time.Duration;
import java.time.Instant;

/** crosslink's LockEntry: {@code {issue_id, agent_id, branch?, claimed_at, signed_by, age_seconds, is_stale}}. */
public record LockEntry(long issueId, String agentId, String branch, Instant claimedAt, String signedBy,
                        long ageSeconds, boolean isStale) {

    static LockEntry of(Lock lock, Instant now, boolean stale) {
        long age = Math.max(0, Duration.between(lock.claimedAt(), now).getSeconds());
        return new LockEntry(lock.issueId(), lock.agentId(), lock.branch(), lock.claimedAt(), lock.signedBy(), age, stale);
    }
}
