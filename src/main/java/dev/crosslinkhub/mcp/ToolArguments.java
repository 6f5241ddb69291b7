package dev.crosslinkhub.mcp;

import dev.crosslinkhub.api.JsonbSettings;
import dev.crosslinkhub.api.RequestRejected;
import jakarta.json.bind.JsonbException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments, already checked against the tool's JSON Schema by the SDK. Bodies are
 * bound by the REST API's own JSON-B settings, so a value the REST API refuses is refused here
 * with the same words; a missing or mistyped argument is a bad request naming it.
 */
final class ToolArguments {

    private final Map<String, Object> values;

    ToolArguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    long id(String name) {
        Object value = values.get(name);
        if (value instanceof Number number && number.doubleValue() == number.longValue()) {
            return number.longValue();
        }
        throw RequestRejected.badRequest(value == null ? name + " is required" : name + " must be an integer");
    }

    Long optionalId(String name) {
        return values.get(name) == null ? null : id(name);
    }

    String text(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw RequestRejected.badRequest(name + " must be a string");
    }

    String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw RequestRejected.badRequest(name + " is required");
        }
        return value;
    }

    List<String> texts(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw RequestRejected.badRequest(name + " must be a list of strings");
    }

    Integer optionalInt(String name) {
        Long value = optionalId(name);
        return value == null ? null : Math.toIntExact(value);
    }

    /** The named arguments as the REST body {@code type}: bound as the REST API binds it. */
    <T> T body(Class<T> type, String... names) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : names) {
            if (values.get(name) != null) {
                fields.put(name, values.get(name));
            }
        }
        try {
            return JsonbSettings.restJsonb().fromJson(JsonbSettings.restJsonb().toJson(fields), type);
        } catch (JsonbException e) {
            throw RequestRejected.badRequest("invalid arguments: " + e.getMessage());
        }
    }
}
