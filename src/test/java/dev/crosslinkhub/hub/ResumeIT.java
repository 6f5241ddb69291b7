package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A client that reconnects and subscribes with {@code since} gets exactly what it missed, then
 * live events, with no duplicate and no hole; one that asks for more than is kept gets {@code reset}.
 * (Tests retain 5000 events: {@code hub.resume.max-events}.)
 */
class ResumeIT extends DeployedHub {

    private static final Pattern EVENT = Pattern.compile(
            "^\\{\"seq\":(\\d+),\"epoch\":(\\d+),\"event_id\":(\\d+),.*\"order_id\":(\\d+),.*\"type\":\"order_shipped\"}$");
    private static final String FROM_NOW = "9223372036854775807";

    private static long firstOrder = System.nanoTime() % 1_000_000_000L * 1000;

    private static void fire(Api api, long first, int count) {
        assertEquals(200, api.post("api/v1/test-events/orders?count=" + count + "&first=" + first, "").statusCode());
    }

    private static long epochOf(String message) {
        return field(message, 2);
    }

    private static long eventId(String message) {
        return field(message, 3);
    }

    private static long orderId(String message) {
        return field(message, 4);
    }

    private static long field(String message, int group) {
        Matcher matcher = EVENT.matcher(message);
        assertTrue(matcher.matches(), message);
        return Long.parseLong(matcher.group(group));
    }

    private static String subscribe(String since) {
        return "{\"type\":\"subscribe\",\"channels\":[\"orders\"],\"since\":" + since + "}";
    }

    private static String subscribe(String since, long epoch) {
        return "{\"type\":\"subscribe\",\"channels\":[\"orders\"],\"since\":" + since + ",\"epoch\":" + epoch + "}";
    }

    /** The first of 10,000 order ids no other test of this class uses. */
    private static long freshOrders() {
        long first = firstOrder;
        firstOrder += 10_000;
        return first;
    }

    /** {@code count} orders from {@code first} fired while a client listens from now: the messages it got for them. */
    private static List<String> seenFromNow(Api api, long first, int count) {
        try (HubClient before = HubClient.connect(api.webSocketUri())) {
            before.send(subscribe(FROM_NOW)).barrier();
            fire(api, first, count);
            return before.await(count + 1).subList(1, count + 1);
        }
    }

    @Test
    void aClientThatMissedEventsGetsExactlyThoseThenLiveOnesEvenWhileEventsKeepComing() {
        Api api = api();
        long first = freshOrders();
        List<String> seen = seenFromNow(api, first, 5);
        assertEquals(first + 4, orderId(seen.get(4)));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(eventId(seen.get(i)) > eventId(seen.get(i - 1)), "event ids rise: " + seen);
        }
        long lastSeen = eventId(seen.get(4));
        fire(api, first + 5, 1500); // missed while away

        try (HubClient after = HubClient.connect(api.webSocketUri())) {
            // Events keep coming while the replay runs: none may be lost or doubled at the seam.
            CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
                for (int batch = 0; batch < 10; batch++) {
                    fire(api, first + 1505 + batch * 100L, 100);
                }
            });
            after.send(subscribe(String.valueOf(lastSeen)));
            live.join();
            long lastOrder = first + 2504;
            after.awaitContaining("\"order_id\":" + lastOrder + ",");
            fire(api, lastOrder + 1, 1);
            after.awaitContaining("\"order_id\":" + (lastOrder + 1) + ",");

            // Until the hub reads the subscribe, the new connection gets live events as any crosslink
            // client does, without event ids; a resuming client skips those: the replay has them.
            List<String> all = after.messages();
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, HubClient.seq(all.get(i)), "seq counts every message sent");
            }
            List<String> beforeResume = all.stream().filter(m -> !m.contains("\"event_id\"")).toList();
            List<String> received = all.stream().filter(m -> m.contains("\"event_id\"")).toList();
            assertEquals(2501, received.size(), "exactly the missed and the live ones, each once");
            for (int i = 0; i < received.size(); i++) {
                assertEquals(first + 5 + i, orderId(received.get(i)), "order " + (first + 5 + i) + " in its place");
                if (i > 0) {
                    assertTrue(eventId(received.get(i)) > eventId(received.get(i - 1)));
                }
            }
            for (String early : beforeResume) {
                long order = Long.parseLong(early.replaceAll(".*\"order_id\":(\\d+),.*", "$1"));
                assertTrue(order >= first + 5 && order <= lastOrder + 1, "an early live event is one of those replayed: " + early);
            }
        }
    }

    @Test
    void asinceOlderThanWhatIsKeptGetsResetThenLiveEvents() {
        Api api = api();
        long first = freshOrders();
        long oldest = eventId(seenFromNow(api, first, 1).get(0));
        fire(api, first + 1, 5001); // more than the 5000 kept: event `oldest` and the next are gone
        try (HubClient after = HubClient.connect(api.webSocketUri())) {
            after.send(subscribe(String.valueOf(oldest)));
            String reset = after.awaitContaining("\"type\":\"reset\"");
            assertTrue(reset.matches("\\{\"epoch\":\\d+,\"latest_event_id\":\\d+,\"oldest_event_id\":\\d+,\"seq\":1,\"type\":\"reset\"}"), reset);
            fire(api, first + 6000, 1);
            String next = after.awaitContaining("\"order_id\":" + (first + 6000) + ",");
            assertEquals(2, HubClient.seq(next), "after the reset, live events only: " + after.messages());
        }
    }

    /** Ids are of an epoch: events and resets name it; a since with it is replayed, a since of another epoch is reset. */
    @Test
    void aSinceOfAnotherEpochIsResetNeverReplayed() {
        Api api = api();
        long first = freshOrders();
        List<String> seen = seenFromNow(api, first, 2);
        long epoch = epochOf(seen.get(0));
        assertEquals(epoch, epochOf(seen.get(1)), "one epoch: " + seen);
        String since = String.valueOf(eventId(seen.get(0)));
        try (HubClient same = HubClient.connect(api.webSocketUri())) {
            same.send(subscribe(since, epoch));
            String replayed = same.awaitContaining("\"order_id\":" + (first + 1) + ",");
            assertEquals(epoch, epochOf(replayed), "replayed with its epoch");
        }
        try (HubClient other = HubClient.connect(api.webSocketUri())) {
            other.send(subscribe(since, epoch + 1));
            String reset = other.awaitContaining("\"type\":\"reset\"");
            assertTrue(reset.startsWith("{\"epoch\":" + epoch + ",\"latest_event_id\":"), "the reset names the hub's epoch: " + reset);
            fire(api, first + 2, 1);
            String next = other.awaitContaining("\"order_id\":" + (first + 2) + ",");
            assertEquals(2, HubClient.seq(next), "nothing of the other epoch's ids replayed: " + other.messages());
        }
    }

    @Test
    void aPlainCrosslinkClientNeverSeesEventIds() {
        Api api = api();
        try (HubClient plain = HubClient.connect(api.webSocketUri())) {
            plain.subscribe("orders").barrier();
            // an order number of its own: an earlier test's last orders may still be on their way
            fire(api, 777_001, 1);
            String message = plain.awaitContaining("777001");
            assertTrue(message.matches("\\{\"seq\":\\d+,\"carrier\":.*"), "crosslink's shape, no epoch or event_id: " + message);
        }
    }
}
