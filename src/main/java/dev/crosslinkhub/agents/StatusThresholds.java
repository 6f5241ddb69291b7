package dev.crosslinkhub.agents;

import dev.crosslinkhub.events.AgentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * crosslink's rule: active under 5 minutes since the last heartbeat, idle under 30, stale after.
 * The idle threshold is {@code hub.agents.idle-after-ms} (crosslink's 5 minutes unless set; the
 * integration tests shorten it so that an agent turns idle in seconds, with an honest heartbeat).
 */
@ApplicationScoped
public class StatusThresholds {

    static final Duration STALE_AFTER = Duration.ofMinutes(30);

    @Inject
    @ConfigProperty(name = "hub.agents.idle-after-ms", defaultValue = "300000")
    long idleAfterMs;

    /** How long after its last heartbeat an agent turns idle; at or beyond {@link #STALE_AFTER} it turns stale at once. */
    Duration idleAfter() {
        return Duration.ofMillis(Math.max(1, idleAfterMs));
    }

    /** The status due at {@code now}: see {@link #statusAt(Instant, Instant, Duration)}. */
    AgentStatus statusAt(Instant lastHeartbeat, Instant now) {
        return statusAt(lastHeartbeat, now, idleAfter());
    }

    /** A heartbeat in the future counts as active; exactly {@code idleAfter} is idle and exactly 30:00 stale. */
    static AgentStatus statusAt(Instant lastHeartbeat, Instant now, Duration idleAfter) {
        if (lastHeartbeat == null) {
            return AgentStatus.UNKNOWN;
        }
        Duration age = Duration.between(lastHeartbeat, now);
        if (age.compareTo(idleAfter) < 0 && age.compareTo(STALE_AFTER) < 0) {
            return AgentStatus.ACTIVE;
        }
        return age.compareTo(STALE_AFTER) < 0 ? AgentStatus.IDLE : AgentStatus.STALE;
    }
}
