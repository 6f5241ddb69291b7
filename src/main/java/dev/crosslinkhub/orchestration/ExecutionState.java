package dev.crosslinkhub.orchestration;

import dev.crosslinkhub.events.WireName;
import dev.crosslinkhub.events.WireNameSerializer;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

@JsonbTypeSerializer(WireNameSerializer.class)
public enum ExecutionState implements WireName {
    IDLE, RUNNING, PAUSED, DONE, FAILED
}
