package dev.crosslinkhub.support;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Nothing more came", said without a quiet period: a marker event fired through the test app
 * ({@code POST api/v1/test-events/marker}) after whatever a test is about. The hub delivers every
 * event in one order, and each instance's own in the order it handled them, so once a client has
 * the marker of every instance that fired something, it has everything those instances handled
 * before: a count taken then is final.
 */
public final class Markers {

    private static final AtomicLong NEXT = new AtomicLong();

    /** Fires a marker on {@code channel} through {@code via} and waits until every client has it. */
    public static void await(String channel, Api via, HubClient... clients) {
        await(channel, List.of(via), List.of(clients));
    }

    /** One marker through each of {@code origins} (the instances of a cluster); waits until every client has them all. */
    public static void await(String channel, List<Api> origins, List<HubClient> clients) {
        for (Api origin : origins) {
            String name = "marker-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
            HttpResponse<String> fired = origin.post("api/v1/test-events/marker?channel=" + channel + "&name=" + name, "");
            if (fired.statusCode() != 200) {
                throw new AssertionError("cannot fire a marker: " + fired.statusCode() + " " + fired.body());
            }
            for (HubClient client : clients) {
                client.awaitContaining("\"marker\":\"" + name + "\"");
            }
        }
    }

    /** Whether a message is a marker (to leave out of what a test counts). */
    public static boolean isMarker(String message) {
        return message.contains("\"type\":\"marker\"");
    }

    private Markers() {
    }
}
