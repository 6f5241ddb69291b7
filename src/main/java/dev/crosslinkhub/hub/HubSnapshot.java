package dev.crosslinkhub.hub;

import java.util.Map;

/**
 * The hub's sessions as one scrape sees them, for {@link HubMetrics#text}.
 *
 * @param sessions          open {@code /ws} sessions
 * @param sessionsByChannel of those, how many receive each known channel
 * @param queueDepths       each session's outbound queue depth
 * @param clientAddresses   client addresses holding a session (the per-address limit's table)
 * @param clusterMembers    instances the hub's events reach, this one included
 * @param clusterBackedUp   whether the relay holds every event with its backup, nothing migrating between instances
 * @param unpublished       events committed here that the relay gave up on, never announced
 * @param connections       TCP connections the hub holds beneath its sessions (Payara; 0 where it holds none)
 * @param timerTasks        tasks in the hub's timer of Tyrus' idle timeouts: idle checks, cuts of closing connections (Payara; 0 elsewhere)
 * @param feedWaiters       readers waiting in the {@link EventFeed} for the next event
 */
public record HubSnapshot(int sessions, Map<String, Integer> sessionsByChannel, int[] queueDepths, int clientAddresses,
                          int clusterMembers, boolean clusterBackedUp, long unpublished, int connections, int timerTasks,
                          int feedWaiters) {
}
