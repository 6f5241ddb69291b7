package dev.crosslinkhub.issues;

import dev.crosslinkhub.events.WireName;
import dev.crosslinkhub.events.WireNameSerializer;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

/** Requests may set low, medium or high; critical only comes from elsewhere, as in crosslink. */
@JsonbTypeSerializer(WireNameSerializer.class)
public enum Priority implements WireName {
    LOW, MEDIUM, HIGH, CRITICAL
}
