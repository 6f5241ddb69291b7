package dev.crosslinkhub.api;

import java.util.List;

/** crosslink's list shape, {@code {"items":[…],"total":n}}, where total counts the items returned. */
public record Listing<T>(List<T> items, int total) {

    public static <T> Listing<T> of(List<T> items) {
        return new Listing<>(items, items.size());
    }
}
