package dev.crosslinkhub.events;

import jakarta.json.bind.annotation.JsonbTypeSerializer;

/** The status of an orchestration stage. */
@JsonbTypeSerializer(WireNameSerializer.class)
public enum StageStatus implements WireName {
    PENDING, RUNNING, DONE, FAILED, SKIPPED, BLOCKED
}
