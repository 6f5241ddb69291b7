package dev.crosslinkhub.issues;

import dev.crosslinkhub.events.WireName;
import dev.crosslinkhub.events.WireNameSerializer;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

@JsonbTypeSerializer(WireNameSerializer.class)
public enum CommentKind implements WireName {
    NOTE, PLAN, DECISION, OBSERVATION, BLOCKER, RESOLUTION, RESULT, INTERVENTION
}
