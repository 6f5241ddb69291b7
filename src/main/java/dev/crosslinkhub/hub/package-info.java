/**
 * The {@code /ws} hub's core: the endpoint, the registry of open sessions, the publisher that
 * takes committed events to the relay, the fan-out that puts them in one order into each
 * session's bounded {@link dev.crosslinkhub.hub.Outbox}, the sender threads and the watchdog,
 * and the wire format both ways. The relay is in {@link dev.crosslinkhub.hub.relay}, who may
 * connect in {@link dev.crosslinkhub.hub.access}.
 */
package dev.crosslinkhub.hub;
