package dev.crosslinkhub.usage;

import dev.crosslinkhub.api.RequestRejected;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;

/**
 * {@code PATCH /usage/budget}: any of {@code daily_limit}, {@code monthly_limit} (a positive number
 * of dollars, or null for no limit) and {@code alert_threshold_percent} (0 to 100). Read from the
 * JSON itself, because here an explicit null (remove the limit) differs from an absent key (keep it).
 */
final class UsageBudgetPatch {

    private static final String DAILY = "daily_limit";
    private static final String MONTHLY = "monthly_limit";
    private static final String THRESHOLD = "alert_threshold_percent";
    private static final Set<String> FIELDS = Set.of(DAILY, MONTHLY, THRESHOLD);

    private final JsonObject body;

    /** Read here, not by JAX-RS' JSON-P reader: that one answers a malformed body with a 500. */
    static UsageBudgetPatch read(String json) {
        JsonObject body;
        try (var reader = Json.createReader(new StringReader(json == null ? "" : json))) {
            body = reader.readObject();
        } catch (JsonException notAnObject) {
            throw RequestRejected.badRequest("the body is not a JSON object: " + notAnObject.getMessage());
        }
        return new UsageBudgetPatch(body);
    }

    /** Checks every field first, so that a rejected patch changes nothing. */
    private UsageBudgetPatch(JsonObject body) {
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw RequestRejected.badRequest("unknown field '" + key + "'; the budget has " + DAILY + ", " + MONTHLY + ", " + THRESHOLD);
            }
        }
        this.body = body;
        limit(DAILY);
        limit(MONTHLY);
        threshold();
    }

    UsageBudget.View applyTo(UsageBudget.View current) {
        return new UsageBudget.View(
                body.containsKey(DAILY) ? limit(DAILY) : current.dailyLimit(),
                body.containsKey(MONTHLY) ? limit(MONTHLY) : current.monthlyLimit(),
                body.containsKey(THRESHOLD) ? threshold() : current.alertThresholdPercent());
    }

    private Double limit(String field) {
        if (!body.containsKey(field) || body.isNull(field)) {
            return null;
        }
        double dollars = number(field, "a positive number of dollars or null");
        if (!(dollars > 0) || Double.isInfinite(dollars)) {
            throw RequestRejected.badRequest(field + " must be a positive number of dollars or null, not " + body.get(field));
        }
        return dollars;
    }

    private double threshold() {
        if (!body.containsKey(THRESHOLD)) {
            return UsageBudget.DEFAULT_ALERT_THRESHOLD_PERCENT;
        }
        double percent = number(THRESHOLD, "a number from 0 to 100");
        if (percent < 0 || percent > 100) {
            throw RequestRejected.badRequest(THRESHOLD + " must be a number from 0 to 100, not " + body.get(THRESHOLD));
        }
        return percent;
    }

    private double number(String field, String expected) {
        JsonValue value = body.get(field);
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw RequestRejected.badRequest(field + " must be " + expected + ", not " + value);
        }
        return ((JsonNumber) value).doubleValue();
    }
}
