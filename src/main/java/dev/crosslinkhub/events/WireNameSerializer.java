package dev.crosslinkhub.events;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/** Writes a {@link WireName} enum as its lower-case wire value. */
public class WireNameSerializer implements JsonbSerializer<WireName> {

    @Override
    public void serialize(WireName value, JsonGenerator generator, SerializationContext ctx) {
        generator.write(value.wireName());
    }
}
