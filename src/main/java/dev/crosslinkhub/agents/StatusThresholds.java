package dev.crosslinkhub.agents;

import dev.crosslinkhub.events.AgentStatus;
import java.time.Duration;
import java.time.Instant;

/** crosslink's rule: active under 5 minutes since the last heartbeat, idle under 30, stale after. */
final class StatusThresholds {

    static final Duration IDLE_AFTER = Duration.ofMinutes(5);
    static final Duration STALE_AFTER = Duration.ofMinutes(30);

    /** A heartbeat in the future counts as active; exactly 5:00 is idle and exactly 30:00 stale. */
    static AgentStatus statusAt(Instant lastHeartbeat, Instant now) {
        if (lastHeartbeat == null) {
            return AgentStatus.UNKNOWN;
        }
        Duration age = Duration.between(lastHeartbeat, now);
        if (age.compareTo(IDLE_AFTER) < 0) {
            return AgentStatus.ACTIVE;
        }
        return age.compareTo(STALE_AFTER) < 0 ? AgentStatus.IDLE : AgentStatus.STALE;
    }

    private StatusThresholds() {
    }
}
