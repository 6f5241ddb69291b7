/**
 * The {@code /ws} hub: the endpoint, the registry of open sessions that fans every
 * {@link dev.crosslinkhub.events.HubEvent} out to them, and each session's bounded outbound queue.
 */
package dev.crosslinkhub.hub;
