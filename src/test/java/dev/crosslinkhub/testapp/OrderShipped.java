package dev.crosslinkhub.testapp;

import dev.crosslinkhub.events.HubEvent;

/** An application's own event: the hub pushes it on channel {@code orders} with no change to the hub. */
public record OrderShipped(long orderId, String carrier, String padding) implements HubEvent {

    @Override
    public String channel() {
        return "orders";
    }

    @Override
    public String type() {
        return "order_shipped";
    }
}
