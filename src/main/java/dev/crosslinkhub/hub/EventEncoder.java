package dev.crosslinkhub.hub;

import dev.crosslinkhub.events.HubEvent;
import dev.crosslinkhub.hub.relay.EncodedEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.bind.config.PropertyOrderStrategy;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serializes an event the way crosslink 0.8 puts it on the wire: snake_case keys in byte order,
 * nulls omitted, the {@code type} discriminator among the keys. Thread-safe; one per hub.
 */
final class EventEncoder implements AutoCloseable {

    private final JsonProvider json = HubJson.PROVIDER;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL));

    EncodedEvent encode(HubEvent event) {
        String channel = event.channel();
        String type = event.type();
        if (channel == null || channel.isEmpty() || type == null || type.isEmpty()) {
            throw new IllegalArgumentException(event.getClass().getName() + " has no channel or type");
        }
        JsonObject fields = json.createReader(new StringReader(jsonb.toJson(event))).readObject();
        JsonObjectBuilder message = json.createObjectBuilder();
        // serde_json sorts every object's keys by bytes; `type` takes its place among them.
        Map<String, JsonValue> sorted = new TreeMap<>(fields);
        sorted.put("type", json.createValue(type));
        sorted.forEach((key, value) -> message.add(key, sortedKeys(value)));
        return new EncodedEvent(channel, message.build().toString().substring(1));
    }

    private JsonValue sortedKeys(JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder builder = json.createObjectBuilder();
            new TreeMap<>(object).forEach((key, nested) -> builder.add(key, sortedKeys(nested)));
            return builder.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder builder = json.createArrayBuilder();
            array.forEach(element -> builder.add(sortedKeys(element)));
            return builder.build();
        }
        return value;
    }

    @Override
    public void close() throws Exception {
        jsonb.close();
    }
}
