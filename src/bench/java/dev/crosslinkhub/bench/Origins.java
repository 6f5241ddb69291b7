package dev.crosslinkhub.bench;

import java.util.Arrays;

/**
 * Where a run's heartbeats come from: one origin per instance that fires, each with its own
 * agent_id and its share of the events, counted 1..share. A client tells the origins apart by
 * agent_id, so it can check each origin's order on its own: the hub promises one order of all
 * events, but events fired on different instances at once have no order of their own to keep.
 *
 * <p>With one origin the agent_id is the run's, unchanged, as before there were clusters.
 *
 * @param agentId the run's agent_id; origin {@code k} (from 0) fires as {@code agentId-(k+1)} when there are several
 * @param events  the events of each origin
 */
record Origins(String agentId, int[] events) {

    /** One origin firing every event: a single server, or the REST scenario's one agent. */
    static Origins single(String agentId, int events) {
        return new Origins(agentId, new int[] {events});
    }

    /** {@code total} events split over {@code count} origins, the first ones taking the remainder. */
    static Origins split(String agentId, int total, int count) {
        int[] events = new int[count];
        for (int k = 0; k < count; k++) {
            events[k] = share(total, count, k);
        }
        return new Origins(agentId, events);
    }

    /** Part {@code k} of {@code total} split over {@code parts}: the first {@code total % parts} get one more. */
    static int share(int total, int parts, int k) {
        return total / parts + (k < total % parts ? 1 : 0);
    }

    int count() {
        return events.length;
    }

    long total() {
        return Arrays.stream(events).asLongStream().sum();
    }

    /** The agent_id origin {@code k} fires with. */
    String agentId(int k) {
        return events.length == 1 ? agentId : agentId + "-" + (k + 1);
    }
}
