package dev.crosslinkhub.api;

import java.util.List;
import java.util.function.Function;

/**
 * crosslink's list shape, {@code {"items":[…],"total":n}}. {@code total} counts every match, not
 * just the page in {@code items}: crosslink counts the items returned, the same number whenever a
 * list fits in one page (every list of fewer than {@code hub.api.default-page-size} rows).
 */
public record Listing<T>(List<T> items, long total) {

    public static <T> Listing<T> of(List<T> items) {
        return new Listing<>(items, items.size());
    }

    /** The same page, each item shown as {@code view} shows it. */
    public <R> Listing<R> map(Function<? super T, ? extends R> view) {
        return new Listing<>(items.stream().<R>map(view).toList(), total);
    }
}
