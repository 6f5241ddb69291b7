package dev.crosslinkhub.hub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The hub's recent events for a caller that asks rather than holds a socket (an agent's
 * {@code wait_for_events} over MCP): the resume log {@code /ws} replays from, read after an id,
 * waiting for the next event when none has come yet. Ids and resets mean what they mean on
 * {@code /ws} (README, "Resume").
 */
@ApplicationScoped
public class EventFeed {

    @Inject
    Publisher publisher;

    /**
     * Up to {@code max} events on {@code channels} after {@code since} of {@code epoch} (either may
     * be null: after the latest; this epoch), or, when there are none yet, the first that comes
     * within {@code wait}.
     */
    public Reading after(Set<String> channels, Long since, Long epoch, int max, Duration wait) throws InterruptedException {
        return publisher.fanOut().read(channels, since, epoch, max, wait.toNanos());
    }

    /**
     * What a read found: events as JSON objects (as {@code /ws} sends them, {@code epoch} and
     * {@code event_id} included, without {@code seq}) and the id to read after next time; or a
     * reset, when what came after {@code since} is no longer known here.
     */
    public record Reading(long epoch, List<String> events, long nextSince, boolean reset, long oldestEventId, long latestEventId) {

        static Reading of(long epoch, List<EventLog.Entry> entries, long nextSince) {
            String prefix = "{\"epoch\":" + epoch + ",\"event_id\":";
            List<String> events = entries.stream().map(entry -> prefix + entry.id() + "," + entry.event().tail()).toList();
            return new Reading(epoch, events, nextSince, false, 0, 0);
        }

        static Reading reset(long epoch, long oldestEventId, long latestEventId) {
            return new Reading(epoch, List.of(), latestEventId, true, oldestEventId, latestEventId);
        }
    }
}
