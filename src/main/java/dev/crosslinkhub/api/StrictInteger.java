package dev.crosslinkhub.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * A request's ids and counts must be JSON integers: Yasson would quietly cut {@code -1.5} to
 * {@code -1} or read {@code "7"} as 7, where crosslink refuses the request.
 */
public class StrictInteger implements JsonbDeserializer<Long> {

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
        JsonValue value = parser.getValue();
        if (value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooBig) {
                throw new JsonbException("expected a 64-bit integer, found " + number);
            }
        }
        throw new JsonbException("expected a JSON integer, found " + (value instanceof JsonNumber
                ? value.toString() : value.getValueType().toString().toLowerCase(Locale.ROOT)));
    }
}
