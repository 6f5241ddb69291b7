package dev.crosslinkhub.events;

import java.util.Objects;

/** An agent's derived status changed ({@code agent_status} on the wire). */
public record AgentStatusChanged(String agentId, AgentStatus status) implements HubEvent {

    public AgentStatusChanged {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String channel() {
        return Channels.AGENTS;
    }

    @Override
    public String type() {
        return "agent_status";
    }
}
