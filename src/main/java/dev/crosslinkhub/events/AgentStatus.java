package dev.crosslinkhub.events;

import jakarta.json.bind.annotation.JsonbTypeSerializer;

/** crosslink's agent status, derived from the age of the last heartbeat. */
@JsonbTypeSerializer(WireNameSerializer.class)
public enum AgentStatus implements WireName {
    ACTIVE, IDLE, STALE, UNKNOWN
}
