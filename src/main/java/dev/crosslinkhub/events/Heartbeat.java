package dev.crosslinkhub.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent reported it is alive. {@code timestamp} is the agent's own last heartbeat, not server
 * time; {@code activeIssueId} may be null and is then omitted on the wire.
 */
public record Heartbeat(String agentId, Instant timestamp, Long activeIssueId) implements HubEvent {

    public Heartbeat {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String channel() {
        return Channels.AGENTS;
    }

    @Override
    public String type() {
        return "heartbeat";
    }
}
