package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the metrics say of sends, counted a batch at a time. */
class SendCountsTest {

    private static final long MS = 1_000_000;

    @Test
    void aBatchCountsEveryMessageAndTimesOnlyTheEvents() {
        HubMetrics metrics = new HubMetrics();
        SendCounts counts = metrics.sendCounts();
        long sent = 1_000 * MS;
        // two events, fanned out 0.2 ms and 30 ms before the send completed, and a gap (not timed)
        counts.sent(new long[] {sent - MS / 5, 0, sent - 30 * MS}, sent);
        counts.gap(5);

        String text = metrics.text(new HubSnapshot(0, java.util.Map.of(), new int[0], 0, 1, true, 0, 0, 0, 0));
        assertTrue(text.contains("crosslink_hub_messages_sent_total 3\n"), text);
        assertTrue(text.contains("crosslink_hub_gaps_total 1\n"), text);
        assertTrue(text.contains("crosslink_hub_dropped_events_total 5\n"), text);
        assertTrue(text.contains("crosslink_hub_fire_to_send_seconds_bucket{le=\"5.0E-4\"} 1\n"), text);
        assertTrue(text.contains("crosslink_hub_fire_to_send_seconds_bucket{le=\"0.025\"} 1\n"), text);
        assertTrue(text.contains("crosslink_hub_fire_to_send_seconds_bucket{le=\"0.05\"} 2\n"), text);
        assertTrue(text.contains("crosslink_hub_fire_to_send_seconds_count 2\n"), text);
        assertEquals(2, counts.latencyCount());
    }
}
