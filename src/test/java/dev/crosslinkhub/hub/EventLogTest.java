package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.relay.EncodedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a resuming client can be replayed, and when it must be told to reset instead. */
class EventLogTest {

    private static EventLog.Entry entry(long id, String channel, long nanos) {
        return new EventLog.Entry(id, new EncodedEvent(channel, "\"type\":\"t\"}"), nanos);
    }

    private static List<Long> ids(EventLog.Batch batch) {
        return batch.entries().stream().map(EventLog.Entry::id).toList();
    }

    @Test
    void replaysWhatCameAfterTheCursorOnTheWantedChannels() {
        EventLog log = new EventLog(10, Long.MAX_VALUE, 1_000_000, 0);
        for (long id = 1; id <= 6; id++) {
            log.append(entry(id, id % 2 == 0 ? "locks" : "agents", id));
        }
        EventLog.Batch batch = log.after(2, "locks"::equals, 10, 100);
        assertEquals(List.of(4L, 6L), ids(batch));
        assertEquals(6, batch.scannedUpTo());
        assertEquals(List.of(3L), ids(log.after(2, channel -> true, 1, 100)));
        assertEquals(List.of(), ids(log.after(6, channel -> true, 10, 100)));
        assertFalse(log.lostAfter(0), "nothing was ever trimmed");
    }

    @Test
    void aCursorOlderThanTheRetainedEventsMustReset() {
        EventLog log = new EventLog(3, Long.MAX_VALUE, 1_000_000, 0);
        for (long id = 1; id <= 5; id++) {
            log.append(entry(id, "locks", id));
        }
        assertEquals(3, log.oldestId());
        assertTrue(log.lostAfter(1), "event 2 is gone");
        assertFalse(log.lostAfter(2), "events 3..5 are all here");
    }

    @Test
    void ageTrimsToo() {
        EventLog log = new EventLog(100, Long.MAX_VALUE, 10, 0);
        log.append(entry(1, "locks", 0));
        log.append(entry(2, "locks", 5));
        log.append(entry(3, "locks", 12));
        assertEquals(2, log.oldestId());
        assertTrue(log.lostAfter(0));
    }

    @Test
    void afterARestartEventsIssuedBeforeAreLost() {
        EventLog log = new EventLog(10, Long.MAX_VALUE, 1_000, 20_000);
        log.append(entry(20_001, "locks", 1));
        assertTrue(log.lostAfter(500), "a client from before the restart may have missed events");
        assertFalse(log.lostAfter(20_000));
        assertEquals(List.of(20_001L), ids(log.after(20_000, channel -> true, 10, 10)));
    }

    @Test
    void eventsTheRelayNeverDeliveredCountAsLost() {
        EventLog log = new EventLog(10, Long.MAX_VALUE, 1_000, 0);
        log.append(entry(1, "locks", 1));
        log.lostUpTo(7);
        log.append(entry(8, "locks", 2));
        assertTrue(log.lostAfter(1), "events 2..7 never arrived");
        assertFalse(log.lostAfter(7));
        log.lostUpTo(3);
        assertTrue(log.lostAfter(6), "a lower bound never lowers what is known lost");
    }

    @Test
    void theLogIsBoundedBySizeTooAndWhatItDropsCountsAsLost() {
        EventLog log = new EventLog(100, 3L * entry(1, "locks", 0).event().size(), 1_000_000, 0);
        for (long id = 1; id <= 5; id++) {
            log.append(entry(id, "locks", id));
        }
        assertEquals(3, log.oldestId());
        assertTrue(log.lostAfter(1), "a client that saw only 1 missed 2, which is gone");
        assertFalse(log.lostAfter(2));
        assertEquals(List.of(3L, 4L, 5L), ids(log.after(2, channel -> true, 10, 100)));
    }
}
