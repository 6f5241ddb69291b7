package dev.crosslinkhub.api;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * A request's text fields must be JSON strings: Yasson would quietly turn {@code 7} or
 * {@code true} into {@code "7"}, where crosslink refuses the request.
 */
public class StrictText implements JsonbDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
        JsonValue value = parser.getValue();
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value == JsonValue.NULL) {
            return null;
        }
        throw new JsonbException("expected a JSON string, found " + value.getValueType().toString().toLowerCase(Locale.ROOT));
    }
}
