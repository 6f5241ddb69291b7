package dev.crosslinkhub.events;

/**
 * An event the hub pushes to {@code /ws} subscribers of its channel.
 *
 * <p>Implement it with a record: its components, in snake_case, are the message's keys and
 * {@link #type()} is added as the {@code type} discriminator. An application's own event types
 * ride the hub the same way, on their own channels.
 */
public interface HubEvent {

    /** The channel subscribers name in {@code {"type":"subscribe","channels":[…]}}. */
    String channel();

    /** The {@code type} discriminator on the wire, e.g. {@code lock_changed}. */
    String type();
}
