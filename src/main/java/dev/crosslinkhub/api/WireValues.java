package dev.crosslinkhub.api;

import dev.crosslinkhub.events.WireName;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Checks on request values that name the offending field in the 400 they raise. */
public final class WireValues {

    /** The constant of {@code type} whose wire name is {@code value}, among {@code allowed}. */
    @SafeVarargs
    public static <E extends Enum<E> & WireName> E parse(String field, String value, E... allowed) {
        List<E> choices = Arrays.asList(allowed);
        return choices.stream()
                .filter(candidate -> candidate.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> RequestRejected.badRequest(field + " must be one of "
                        + choices.stream().map(WireName::wireName).collect(Collectors.joining(", "))
                        + (value == null ? "" : ", not '" + value + "'")));
    }

    /** crosslink bounds text in bytes (UTF-8), not characters. */
    public static String maxBytes(String field, String value, int max) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > max) {
            throw RequestRejected.badRequest(field + " is longer than " + max + " bytes");
        }
        return value;
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RequestRejected.badRequest(field + " is required");
        }
        return value;
    }

    /** An id from a path or query: a bad one is a 400 naming it, not JAX-RS' bare 404. */
    public static long id(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw RequestRejected.badRequest(field + " must be an integer, not '" + value + "'");
        }
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw RequestRejected.badRequest(field + " is required");
        }
        return value;
    }

    public static <N extends Number> N atLeast(String field, N value, long min) {
        if (value != null && value.doubleValue() < min) {
            throw RequestRejected.badRequest(field + " must be at least " + min + ", not " + value);
        }
        return value;
    }

    private WireValues() {
    }
}
