package dev.crosslinkhub.hub;

import dev.crosslinkhub.events.HubEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.bind.config.PropertyOrderStrategy;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serializes an event the way crosslink 0.8 puts it on the wire: snake_case keys in byte order,
 * nulls omitted, the {@code type} discriminator among the keys. Thread-safe; one per hub.
 */
final class EventEncoder implements AutoCloseable {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL));

    EncodedEvent encode(HubEvent event) {
        String channel = event.channel();
        String type = event.type();
        if (channel == null || channel.isEmpty() || type == null || type.isEmpty()) {
            throw new IllegalArgumentException(event.getClass().getName() + " has no channel or type");
        }
        JsonObject fields = Json.createReader(new StringReader(jsonb.toJson(event))).readObject();
        // serde_json sorts a message's keys by bytes; `type` takes its place among them.
        Map<String, JsonValue> sorted = new TreeMap<>(fields);
        sorted.put("type", Json.createValue(type));
        String json = Json.createObjectBuilder(sorted).build().toString();
        return new EncodedEvent(channel, json.substring(1));
    }

    @Override
    public void close() throws Exception {
        jsonb.close();
    }
}
