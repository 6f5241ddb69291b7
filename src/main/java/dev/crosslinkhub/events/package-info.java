/**
 * The hub's public API: the domain events any bean fires with {@code @Inject Event<…>} and the
 * hub pushes to WebSocket clients after the firing transaction commits.
 */
package dev.crosslinkhub.events;
