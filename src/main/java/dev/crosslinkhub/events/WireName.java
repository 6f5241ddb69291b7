package dev.crosslinkhub.events;

import java.util.Locale;

/** An enum whose wire value is its name in lower case, as crosslink's serde enums are. */
public interface WireName {

    String name();

    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
