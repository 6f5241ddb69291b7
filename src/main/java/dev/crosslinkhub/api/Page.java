package dev.crosslinkhub.api;

import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The slice of a list a request asks for: at most {@code limit} rows, from row {@code offset} of
 * the list's own order. The database does the cutting ({@link #rows}) and, only when it must, the
 * counting ({@link #total}).
 */
public record Page(int limit, int offset) {

    /**
     * {@code limit} and {@code offset} as the query gave them (null when absent). Read from text
     * rather than bound as {@code Integer}: JAX-RS answers a query value it cannot convert with a
     * bare 404, where the API names the field in a 400. A limit over {@code max} is cut to it.
     */
    public static Page parse(String limit, String offset, int defaultLimit, int max) {
        int rows = limit == null ? defaultLimit : (int) Math.min(count("limit", limit), max);
        // EclipseLink adds the limit to the offset in an int: an offset that far is past every list anyway
        return new Page(rows, offset == null ? 0 : (int) Math.min(count("offset", offset), Integer.MAX_VALUE - rows));
    }

    /** Digits only: no sign, no fraction, no blank. Past a long it is just very large (capped by the caller). */
    private static long count(String field, String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RequestRejected.badRequest(field + " must be a non-negative integer, not '" + value + "'");
        }
        return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    }

    /** This page of {@code rows}, and how many rows the whole list has ({@code count} runs only if needed). */
    public <T> Listing<T> of(TypedQuery<T> rows, LongSupplier count) {
        List<T> items = rows(rows);
        return new Listing<>(items, total(items.size(), count));
    }

    public <T> List<T> rows(TypedQuery<T> query) {
        if (limit == 0) {
            return List.of(); // a maximum of 0 is "no maximum" to some providers
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /**
     * The size of the whole list, given that this page held {@code returned} rows. A page that is
     * not full and not past the end says it itself, so a small list costs no count query.
     */
    public long total(int returned, LongSupplier count) {
        return returned < limit && (returned > 0 || offset == 0) ? (long) offset + returned : count.getAsLong();
    }
}
