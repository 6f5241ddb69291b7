package dev.crosslinkhub.events;

import jakarta.json.bind.annotation.JsonbTypeSerializer;

/** What happened to a lock. */
@JsonbTypeSerializer(WireNameSerializer.class)
public enum LockAction implements WireName {
    CLAIMED, RELEASED
}
