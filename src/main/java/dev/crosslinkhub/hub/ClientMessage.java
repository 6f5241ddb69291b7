package dev.crosslinkhub.hub;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/** What a client sent on {@code /ws}, read and checked. */
sealed interface ClientMessage {

    /**
     * {@code {"type":"subscribe","channels":[…]}}: replaces the session's filter. With
     * {@code "since":<event id>} (our addition) the hub first replays what came after that id,
     * and with {@code "epoch":<epoch>} beside it, only if that id is of the hub's epoch.
     */
    record Subscribe(Set<String> channels, Long since, Long epoch) implements ClientMessage {

        Subscribe(Set<String> channels, Long since) {
            this(channels, since, null);
        }
    }

    /** Anything the hub refuses; {@code reason} goes back in an {@code error} frame. */
    record Refused(String reason) implements ClientMessage {
    }

    /** How deep a client's JSON may nest: a subscribe needs 2 levels; a parser recursing deeper could exhaust its stack. */
    int MAX_DEPTH = 16;

    static ClientMessage read(String text, Predicate<String> knownChannel) {
        int depth = depth(text);
        if (depth > MAX_DEPTH) {
            return new Refused("JSON nested " + depth + " levels deep; the hub reads at most " + MAX_DEPTH);
        }
        JsonValue value;
        try {
            value = HubJson.PROVIDER.createReader(new StringReader(text)).readValue();
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            return new Refused("malformed JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return new Refused("a message must be a JSON object");
        }
        JsonObject message = value.asJsonObject();
        JsonValue type = message.get("type");
        if (!(type instanceof JsonString typeName)) {
            return new Refused("missing field 'type' (a string)");
        }
        if (!"subscribe".equals(typeName.getString())) {
            return new Refused("unknown message type '" + typeName.getString() + "'; the only one is 'subscribe'");
        }
        JsonValue channels = message.get("channels");
        if (!(channels instanceof JsonArray list)) {
            return new Refused("subscribe needs field 'channels' (an array of channel names)");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonValue entry : list) {
            if (!(entry instanceof JsonString name)) {
                return new Refused("'channels' holds a non-string entry: " + entry);
            }
            if (!knownChannel.test(name.getString())) {
                return new Refused("unknown channel '" + name.getString() + "'");
            }
            names.add(name.getString());
        }
        JsonValue since = message.get("since");
        if (since == null || since == JsonValue.NULL) {
            return new Subscribe(names, null); // an epoch alone says nothing: there is no id to check
        }
        Long id = nonNegativeLong(since);
        if (id == null) {
            return new Refused("'since' must be a non-negative integer event id, not " + since);
        }
        JsonValue epoch = message.get("epoch");
        if (epoch == null || epoch == JsonValue.NULL) {
            return new Subscribe(names, id, null);
        }
        Long of = nonNegativeLong(epoch);
        if (of == null) {
            return new Refused("'epoch' must be a non-negative integer (the epoch of the ids, from 'reset' or an event), not " + epoch);
        }
        return new Subscribe(names, id, of);
    }

    /** The value as a long if it is an integer from 0 to Long.MAX_VALUE, else null. */
    private static Long nonNegativeLong(JsonValue value) {
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.bigDecimalValue().signum() < 0
                || number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return number.longValue();
    }

    /** The deepest nesting of arrays and objects in {@code text}, outside strings; malformed text is the parser's to refuse. */
    static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }
}
