package dev.crosslinkhub.testapp;

import dev.crosslinkhub.events.HubEvent;

/**
 * A test's marker on any channel, {@code {"channel":…,"marker":…,"type":"marker"}}: fired after
 * whatever a test wants to have been delivered, it arrives after all of it (support.Markers).
 */
public record Marker(String channel, String marker) implements HubEvent {

    @Override
    public String type() {
        return "marker";
    }
}
