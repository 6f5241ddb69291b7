package dev.crosslinkhub.hub.relay;

import java.time.Duration;

/**
 * How much the grid relay lets a firing request wait and queue: committed events waiting for the
 * publisher ({@code hub.cluster.max-pending}) and how long a firing request waits for its event to
 * be in the grid ({@code hub.cluster.publish-wait-ms}). Past either, the request goes on and the
 * event is counted, never a request held for as long as the grid is in trouble.
 */
public record RelayLimits(int maxPending, Duration publishWait) {
}
