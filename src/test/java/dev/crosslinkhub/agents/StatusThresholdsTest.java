package dev.crosslinkhub.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.events.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** crosslink's status rule, with its 5 minutes and with a shorter idle threshold (hub.agents.idle-after-ms). */
class StatusThresholdsTest {

    private static final Instant NOW = Instant.parse("2026-04-17T09:15:02Z");

    private static AgentStatus at(Duration age, Duration idleAfter) {
        return StatusThresholds.statusAt(NOW.minus(age), NOW, idleAfter);
    }

    @Test
    void crosslinksFiveAndThirtyMinutes() {
        Duration five = Duration.ofMinutes(5);
        assertEquals(AgentStatus.ACTIVE, at(Duration.ofHours(-2), five), "a heartbeat in the future");
        assertEquals(AgentStatus.ACTIVE, at(five.minusNanos(1), five));
        assertEquals(AgentStatus.IDLE, at(five, five));
        assertEquals(AgentStatus.IDLE, at(Duration.ofMinutes(30).minusNanos(1), five));
        assertEquals(AgentStatus.STALE, at(Duration.ofMinutes(30), five));
        assertEquals(AgentStatus.UNKNOWN, StatusThresholds.statusAt(null, NOW, five));
    }

    @Test
    void aShorterIdleThresholdMovesIdleButNotStale() {
        Duration three = Duration.ofSeconds(3);
        assertEquals(AgentStatus.ACTIVE, at(Duration.ZERO, three));
        assertEquals(AgentStatus.IDLE, at(three, three));
        assertEquals(AgentStatus.IDLE, at(Duration.ofMinutes(29), three));
        assertEquals(AgentStatus.STALE, at(Duration.ofMinutes(30), three));
    }

    @Test
    void anIdleThresholdBeyondStaleGoesFromActiveStraightToStale() {
        Duration hour = Duration.ofHours(1);
        assertEquals(AgentStatus.ACTIVE, at(Duration.ofMinutes(29), hour));
        assertEquals(AgentStatus.STALE, at(Duration.ofMinutes(30), hour));
    }

    @Test
    void theSettingIsInMillisecondsAndNeverZero() {
        StatusThresholds thresholds = new StatusThresholds();
        thresholds.idleAfterMs = 3000;
        assertEquals(Duration.ofSeconds(3), thresholds.idleAfter());
        thresholds.idleAfterMs = 0;
        assertEquals(Duration.ofMillis(1), thresholds.idleAfter());
    }
}
