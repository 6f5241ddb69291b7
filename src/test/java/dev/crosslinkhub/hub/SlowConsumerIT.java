package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading gets a {@code gap} that accounts for exactly what it missed, or is
 * evicted when its send stalls; a fast client on the same hub gets every event either way.
 */
class SlowConsumerIT extends DeployedHub {

    /** Enough bytes to fill loopback socket buffers (several MB) and then the 256-message queue. */
    private static final int ORDERS = 3000;
    private static final int PADDING = 8192;

    private static final Pattern ORDER_ID = Pattern.compile("\"order_id\":(\\d+)");
    private static final Pattern DROPPED = Pattern.compile("^\\{\"dropped\":(\\d+),\"seq\":\\d+,\"type\":\"gap\"}$");

    @Test
    void slowClientGetsGapWhileFastClientGetsEverything() {
        Api api = api();
        try (HubClient fast = HubClient.connect(api.webSocketUri());
             HubClient slow = HubClient.connect(api.webSocketUri())) {
            fast.subscribe("orders").barrier();
            slow.subscribe("orders").barrier();
            long gapsBefore = api.metric("crosslink_hub_gaps_total");
            long droppedBefore = api.metric("crosslink_hub_dropped_events_total");
            slow.pause();

            fireOrders(api, fast);
            // the hub's side of the bound: however far behind the paused client is, each session's queue holds at most 256
            long queued = api.metric("crosslink_hub_queue_depth_sum");
            assertTrue(queued <= 2 * 256, "two sessions hold " + queued + " queued messages, over their bound of 256 each");
            slow.resume(); // within the stall limit (4 s in tests), so it lags but is not evicted

            List<String> everything = fast.await(ORDERS + 1);
            assertCompleteAndInOrder(everything.subList(1, everything.size()));

            String last = "\"order_id\":" + ORDERS + ",";
            slow.awaitContaining(last);
            List<String> lagged = slow.messages().subList(1, slow.count());
            long gaps = lagged.stream().filter(m -> DROPPED.matcher(m).matches()).count();
            assertTrue(gaps >= 1, "the slow client never lagged, so the test proves nothing: " + lagged.size() + " messages");
            assertGapsAccountForEveryMissedEvent(lagged);
            assertEquals(lagged.size() + 1, HubClient.seq(lagged.get(lagged.size() - 1)), "seq counts every message sent, gaps too");
            assertEquals(gapsBefore + gaps, api.metric("crosslink_hub_gaps_total"), "the metrics count the gaps");
            assertEquals(droppedBefore + ORDERS - (lagged.size() - gaps), api.metric("crosslink_hub_dropped_events_total"));
        }
    }

    @Test
    void clientWhoseSendStallsIsEvictedWhileFastClientGetsEverything() {
        Api api = api();
        Await.until("no session left from earlier tests", () -> api.openSessions() == 0);
        long evictionsBefore = api.metric("crosslink_hub_evictions_total");
        try (HubClient fast = HubClient.connect(api.webSocketUri());
             HubClient stuck = HubClient.connect(api.webSocketUri())) {
            fast.subscribe("orders").barrier();
            stuck.subscribe("orders").barrier();
            stuck.pause();

            fireOrders(api, fast);

            List<String> everything = fast.await(ORDERS + 1);
            assertCompleteAndInOrder(everything.subList(1, everything.size()));

            Await.until("the server evicts the stuck session", Duration.ofSeconds(30), () -> api.openSessions() == 1);
            assertEquals(evictionsBefore + 1, api.metric("crosslink_hub_evictions_total"), "the metrics count the eviction");
            stuck.resume();
            // Well before the container's keep-alive would end the socket (30 s on Payara): an evicted
            // client that reads again must learn at once that it was closed, not sit connected and deaf.
            Await.until("the stuck client sees its connection closed", stuck::isClosed);
            int code = stuck.closeCode();
            // 1013 (try again later) when the close frame gets through; 1006 when the stuck socket is cut first.
            assertTrue(code == 1013 || code == 1006 || code == -1, "closed with 1013 or cut, got " + code);

            // The hub carries on for everyone else.
            api.post("api/v1/test-events/orders?count=1&first=" + (ORDERS + 1), "");
            fast.awaitContaining("\"order_id\":" + (ORDERS + 1) + ",");
        }
    }

    /**
     * Fires the orders in chunks, each once the fast client has the previous one: it never falls
     * 256 behind, however busy the machine, while the paused client falls further behind each time.
     */
    private static void fireOrders(Api api, HubClient fast) {
        int chunk = 100;
        int base = fast.count();
        for (int first = 1; first <= ORDERS; first += chunk) {
            assertEquals(200, api.post("api/v1/test-events/orders?count=" + chunk + "&first=" + first + "&padding=" + PADDING, "")
                    .statusCode());
            fast.await(base + first + chunk - 1);
        }
    }

    private static long orderId(String message) {
        Matcher matcher = ORDER_ID.matcher(message);
        assertTrue(matcher.find(), message);
        return Long.parseLong(matcher.group(1));
    }

    private static void assertCompleteAndInOrder(List<String> messages) {
        assertEquals(ORDERS, messages.size());
        for (int i = 0; i < ORDERS; i++) {
            assertEquals(i + 1, orderId(messages.get(i)), "order " + (i + 1) + " in its place");
        }
    }

    /** Between two events, a gap's {@code dropped} is exactly the number of events that went missing there. */
    private static void assertGapsAccountForEveryMissedEvent(List<String> messages) {
        long expectedNext = 1;
        long dropped = 0;
        long events = 0;
        for (String message : messages) {
            Matcher gap = DROPPED.matcher(message);
            if (gap.matches()) {
                dropped += Long.parseLong(gap.group(1));
                continue;
            }
            long id = orderId(message);
            assertEquals(expectedNext + dropped, id, "event after " + dropped + " dropped");
            expectedNext = id + 1;
            dropped = 0;
            events++;
        }
        assertEquals(ORDERS + 1, expectedNext, "the last order arrived");
        assertTrue(events < ORDERS, "some events were dropped");
    }
}
