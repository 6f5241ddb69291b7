package dev.crosslinkhub.mcp;

import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.hub.EventFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code wait_for_events}: what {@code /ws} would have sent a client subscribed to the channels,
 * after {@code since}, without a socket. The answer is
 * {@code {"epoch":E,"events":[…],"next_since":N}}, each event as {@code /ws} sends it without
 * {@code seq}; or {@code {"epoch":E,"latest_event_id":L,"oldest_event_id":O,"type":"reset"}} when
 * the hub no longer holds what came after {@code since} (or it is of another epoch).
 */
@ApplicationScoped
public class EventWait {

    private static final int DEFAULT_MAX = 100;
    private static final long DEFAULT_TIMEOUT_MS = 10_000;

    @Inject
    EventFeed feed;

    @Inject
    McpSettings settings;

    Object waitFor(ToolArguments args) {
        List<String> channels = args.texts("channels");
        if (channels.isEmpty()) {
            throw RequestRejected.badRequest("channels must name at least one channel");
        }
        Integer max = args.optionalInt("max");
        if (max != null && (max < 1 || max > DEFAULT_MAX)) {
            throw RequestRejected.badRequest("max must be between 1 and " + DEFAULT_MAX);
        }
        Long timeoutMs = args.optionalId("timeout_ms");
        if (timeoutMs != null && (timeoutMs < 0 || timeoutMs > settings.maxWaitMs())) {
            throw RequestRejected.badRequest("timeout_ms must be between 0 and " + settings.maxWaitMs() + " (hub.mcp.max-wait-ms)");
        }
        long timeout = timeoutMs == null ? Math.min(DEFAULT_TIMEOUT_MS, settings.maxWaitMs()) : timeoutMs;
        EventFeed.Reading reading;
        try {
            reading = feed.after(new LinkedHashSet<>(channels), args.optionalId("since"), args.optionalId("epoch"),
                    max == null ? DEFAULT_MAX : max, Duration.ofMillis(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestRejected.conflict("the hub is stopping; call again");
        }
        if (reading.reset()) {
            return new ToolCalls.RawJson("{\"epoch\":" + reading.epoch() + ",\"latest_event_id\":" + reading.latestEventId()
                    + ",\"oldest_event_id\":" + reading.oldestEventId() + ",\"type\":\"reset\"}");
        }
        return new ToolCalls.RawJson("{\"epoch\":" + reading.epoch() + ",\"events\":[" + String.join(",", reading.events())
                + "],\"next_since\":" + reading.nextSince() + "}");
    }
}
