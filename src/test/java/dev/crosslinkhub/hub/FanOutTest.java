package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crosslinkhub.hub.relay.EncodedEvent;
import dev.crosslinkhub.hub.relay.EventRelay;
import dev.crosslinkhub.hub.relay.RelayChoice;
import dev.crosslinkhub.hub.relay.RelayLimits;
import dev.crosslinkhub.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's order without a container: the single-instance relay (ids from an in-memory store),
 * the fan-out, outboxes on in-memory remotes and the hub's own sender threads, with producers and
 * resuming clients racing each other.
 */
class FanOutTest {

    private final RecordingOwner owner = new RecordingOwner();
    private final SenderPool senders = new SenderPool();
    private FanOut fanOut;
    private EventRelay relay;

    private void start(int logCapacity) {
        senders.start(Executors.defaultThreadFactory(), 3, getClass().getClassLoader());
        fanOut = new FanOut(logCapacity, Long.MAX_VALUE, Duration.ofHours(1), channel -> { });
        relay = RelayChoice.choose(false, new MemoryIdStore(0), Runnable::run, Executors.defaultThreadFactory(), logCapacity,
                new RelayLimits(10_000, Duration.ofSeconds(2)));
        relay.start(fanOut);
    }

    @AfterEach
    void stop() {
        relay.close();
        senders.stop();
        assertEquals(List.of(), owner.evictions, "nobody was evicted");
        assertEquals(List.of(), owner.faults, "no drain failed");
    }

    private MemoryRemote connect() {
        MemoryRemote remote = new MemoryRemote();
        Outbox outbox = outboxOn(remote);
        fanOut.attach(outbox);
        return remote;
    }

    /** A client that reconnects and resumes after {@code since}. */
    private MemoryRemote resume(Set<String> channels, long since) {
        return resume(channels, since, null);
    }

    /** The same, saying which epoch {@code since} is of (null: none said). */
    private MemoryRemote resume(Set<String> channels, long since, Long epoch) {
        MemoryRemote remote = new MemoryRemote();
        Outbox outbox = outboxOn(remote);
        fanOut.attach(outbox);
        fanOut.subscribe(outbox, channels, since, epoch);
        return remote;
    }

    private Outbox outboxOn(MemoryRemote remote) {
        return new Outbox("s", remote.async(), new OutboxLimits(100_000, 1L << 30, 0), senders, owner, fanOut,
                new HubMetrics());
    }

    private static EncodedEvent event(String channel, long n) {
        return new EncodedEvent(channel, "\"n\":" + n + ",\"type\":\"t\"}");
    }

    private static List<Frame> frames(MemoryRemote remote) {
        return remote.sent().stream().map(Frame::of).toList();
    }

    private static void assertSeqCountsFromOne(List<Frame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i + 1, frames.get(i).seq(), "seq of message " + (i + 1));
        }
    }

    /** Exactly {@code from..to}, in order: on failure, where the first hole or duplicate is, not 40,000 numbers. */
    private static void assertContiguous(long from, long to, List<Long> ids, String who) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != from + i) {
                fail(who + ": expected event " + (from + i) + " at position " + i + ", got "
                        + ids.subList(Math.max(0, i - 3), Math.min(ids.size(), i + 4)) + " around it");
            }
        }
        assertEquals(to - from + 1, ids.size(), who + ": events received");
    }

    private static Thread producer(EventRelay relay, String channel, long from, long to) {
        Thread thread = new Thread(() -> LongStream.rangeClosed(from, to).forEach(n -> relay.send(event(channel, n))));
        thread.start();
        return thread;
    }

    @Test
    void concurrentProducersEventsReachEverySessionOnceInOneOrder() throws InterruptedException {
        start(100_000);
        List<MemoryRemote> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(connect());
        }
        int producers = 4;
        int each = 2_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(producer(relay, "locks", p * 1_000_000L + 1, p * 1_000_000L + each));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Await.until("every client has every event", () -> clients.stream().allMatch(c -> c.count() == producers * each));

        List<Long> order = frames(clients.get(0)).stream().map(Frame::n).toList();
        for (MemoryRemote client : clients) {
            List<Frame> frames = frames(client);
            assertSeqCountsFromOne(frames);
            List<Long> seen = frames.stream().map(Frame::n).toList();
            for (int i = 0; i < order.size(); i++) {
                assertEquals(order.get(i), seen.get(i), "every client sees the one order; message " + (i + 1) + " differs");
            }
        }
        for (int p = 0; p < producers; p++) {
            long base = p * 1_000_000L;
            List<Long> own = order.stream().filter(n -> n > base && n <= base + each).toList();
            assertContiguous(base + 1, base + each, own, "producer " + p + " in its own order, each once");
        }
    }

    @Test
    void clientsResumingWhileEventsKeepComingGetEverythingAfterTheirSinceOnceAndInOrder() throws InterruptedException {
        start(100_000);
        MemoryRemote watcher = connect();
        int total = 40_000;
        int resumes = 20;
        List<MemoryRemote> resumed = new CopyOnWriteArrayList<>();
        List<Long> sinces = new CopyOnWriteArrayList<>();
        // The producer itself reconnects clients now and then, so every replay races live events.
        Thread producer = new Thread(() -> {
            for (long n = 1; n <= total; n++) {
                relay.send(event("locks", n));
                if (n % (total / resumes) == 0) {
                    long since = Math.max(0, watcher.count() - 100); // what a client saw before it reconnected
                    resumed.add(resume(Set.of("locks", "agents"), since));
                    sinces.add(since);
                }
            }
        });
        producer.start();
        producer.join();
        Await.until("every resumed client is current", () -> resumed.stream().allMatch(c -> {
            List<String> sent = c.sent();
            return !sent.isEmpty() && Frame.of(sent.get(sent.size() - 1)).eventId() == total;
        }));

        assertEquals(resumes, resumed.size());
        for (int i = 0; i < resumed.size(); i++) {
            List<Frame> frames = frames(resumed.get(i));
            assertSeqCountsFromOne(frames);
            // README's resume rule: live events sent before the hub read the subscribe carry no event_id; skip them
            List<Long> ids = frames.stream().map(Frame::eventId).dropWhile(id -> id < 0).toList();
            assertContiguous(sinces.get(i) + 1, total, ids, "client resumed after " + sinces.get(i));
        }
    }

    /**
     * A client that stops reading overflows its queue until it is evicted, and eviction detaches
     * its outbox on the delivering thread, in the middle of offering it an event. The clients
     * after it in the fan-out, and every later event, must not notice.
     */
    @Test
    void aSessionEvictedWhileBeingOfferedAnEventDoesNotStopDeliveryToTheOthers() {
        start(100_000);
        MemoryRemote before = connect();
        MemoryRemote stalled = new MemoryRemote().holdingCompletions();
        List<String> evicted = new CopyOnWriteArrayList<>();
        Outbox[] stalledOutbox = new Outbox[1];
        stalledOutbox[0] = new Outbox("stalled", stalled.async(), new OutboxLimits(4, 1L << 30, 1), senders,
                new Outbox.Owner() {
                    @Override
                    public void evict(String why) {
                        evicted.add(why);
                        fanOut.detach(stalledOutbox[0]); // what SessionRegistry.evict does, on this thread
                    }

                    @Override
                    public void fail(Throwable fault) {
                        owner.fail(fault);
                    }
                }, fanOut, new HubMetrics());
        fanOut.attach(stalledOutbox[0]);
        MemoryRemote after = connect();

        LongStream.rangeClosed(1, 1_000).forEach(n -> relay.send(event("locks", n)));
        Await.until("both reading clients have every event", () -> before.count() == 1_000 && after.count() == 1_000);

        assertEquals(1, evicted.size(), "the stalled client was evicted once: " + evicted);
        assertContiguous(1, 1_000, frames(after).stream().map(Frame::n).toList(), "the client attached after the evicted one");
        assertContiguous(1, 1_000, frames(before).stream().map(Frame::n).toList(), "the client attached before it");
    }

    @Test
    void aSinceTheLogNoLongerCoversIsResetAndThenLive() {
        start(100);
        MemoryRemote watcher = connect();
        LongStream.rangeClosed(1, 300).forEach(n -> relay.send(event("locks", n)));
        Await.until("300 events delivered", () -> watcher.count() == 300);

        MemoryRemote client = resume(Set.of("locks"), 150);
        Await.until("the reset", () -> client.count() == 1);
        relay.send(event("locks", 301));
        Await.until("the next live event", () -> client.count() == 2);
        assertEquals(List.of("{\"epoch\":0,\"latest_event_id\":300,\"oldest_event_id\":201,\"seq\":1,\"type\":\"reset\"}",
                "{\"seq\":2,\"epoch\":0,\"event_id\":301,\"n\":301,\"type\":\"t\"}"), client.sent());
    }

    @Test
    void aSinceOfAnotherEpochIsResetAtOnceThoughTheLogHoldsAnEventOfThatNumber() {
        start(100);
        MemoryRemote watcher = connect();
        LongStream.rangeClosed(1, 50).forEach(n -> relay.send(event("locks", n)));
        Await.until("50 events delivered", () -> watcher.count() == 50);

        MemoryRemote same = resume(Set.of("locks"), 40, fanOut.epoch());
        Await.until("the ten after 40", () -> same.count() == 10);
        assertEquals("{\"seq\":1,\"epoch\":" + fanOut.epoch() + ",\"event_id\":41,\"n\":41,\"type\":\"t\"}", same.sent().get(0));

        MemoryRemote other = resume(Set.of("locks"), 40, fanOut.epoch() + 1);
        Await.until("the reset", () -> other.count() == 1);
        relay.send(event("locks", 51));
        Await.until("the next live event", () -> other.count() == 2 && same.count() == 11);
        assertEquals(List.of("{\"epoch\":0,\"latest_event_id\":50,\"oldest_event_id\":1,\"seq\":1,\"type\":\"reset\"}",
                "{\"seq\":2,\"epoch\":0,\"event_id\":51,\"n\":51,\"type\":\"t\"}"), other.sent());
    }

    @Test
    void aPlainSinceBeyondTheEpochsIdsIsAnotherEpochsAndIsReset() {
        start(100);
        MemoryRemote watcher = connect();
        LongStream.rangeClosed(1, 50).forEach(n -> relay.send(event("locks", n)));
        Await.until("50 events delivered", () -> watcher.count() == 50);
        // as a cluster's epoch does: its ids end at its span's top (here 1000); a since above
        // it came from another epoch (the other half of a split), whatever number it is
        fanOut.epochBegins(fanOut.epoch(), 0, 1_000);

        MemoryRemote within = resume(Set.of("locks"), 45);
        Await.until("the five after 45", () -> within.count() == 5);
        MemoryRemote beyond = resume(Set.of("locks"), 2_000_000_017L);
        Await.until("the reset", () -> beyond.count() == 1);
        assertTrue(beyond.sent().get(0).contains("\"type\":\"reset\""), beyond.sent().toString());

        MemoryRemote fromNow = resume(Set.of("locks"), Long.MAX_VALUE); // README's "start from now"
        relay.send(event("locks", 51));
        Await.until("the next live event", () -> fromNow.count() == 1);
        assertTrue(fromNow.sent().get(0).contains("\"event_id\":51,"), "live from now, no reset: " + fromNow.sent());
    }

    @Test
    void aFeedReaderGetsWhatCameAfterItsSinceOnItsChannelsAndWaitsForTheNextWhenThereIsNone() throws Exception {
        start(100_000);
        // one "agents" event in 10,000: the reader scans several stretches of the log to find them
        MemoryRemote watcher = connect();
        for (long batch = 0; batch < 4; batch++) { // in batches the relay's bounded hand-off takes whole
            long first = batch * 5_000 + 1;
            LongStream.rangeClosed(first, first + 4_999).forEach(n -> relay.send(event(n % 10_000 == 0 ? "agents" : "locks", n)));
            Await.until("the batch delivered", () -> watcher.count() == first + 4_999);
        }
        relay.send(event("locks", 20_001));
        Await.until("every event logged", () -> watcher.count() == 20_001);

        // each answer is what one stretch of the log held; its next_since carries on from there
        List<String> found = new ArrayList<>();
        long since = 5;
        for (int reads = 0; since < 20_001 && reads < 20; reads++) {
            EventFeed.Reading reading = fanOut.read(Set.of("agents"), since, null, 10, 0);
            found.addAll(reading.events());
            since = reading.nextSince();
        }
        assertEquals(List.of("{\"epoch\":0,\"event_id\":10000,\"n\":10000,\"type\":\"t\"}",
                "{\"epoch\":0,\"event_id\":20000,\"n\":20000,\"type\":\"t\"}"), found);
        EventFeed.Reading none = fanOut.read(Set.of("agents"), since, null, 10, 0);
        assertEquals(List.of(), none.events());
        assertEquals(20_001, none.nextSince(), "the cursor passes what the reader does not want");

        CompletableFuture<EventFeed.Reading> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return fanOut.read(Set.of("agents"), none.nextSince(), 0L, 10, TimeUnit.SECONDS.toNanos(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        relay.send(event("locks", 20_002));
        relay.send(event("agents", 20_003));
        assertEquals(List.of("{\"epoch\":0,\"event_id\":20003,\"n\":20003,\"type\":\"t\"}"), waiting.get(30, TimeUnit.SECONDS).events(),
                "woken by the event it wants, not by the other, and well before its minute");

        EventFeed.Reading fromNow = fanOut.read(Set.of("agents"), null, null, 10, 0);
        assertEquals(20_003, fromNow.nextSince());
        assertTrue(fanOut.read(Set.of("agents"), 5L, 1L, 10, 0).reset(), "a since of another epoch is reset");
    }

    @Test
    void aFeedReaderWhoseSinceTheLogNoLongerHoldsIsReset() throws Exception {
        start(100);
        MemoryRemote watcher = connect();
        LongStream.rangeClosed(1, 300).forEach(n -> relay.send(event("locks", n)));
        Await.until("300 events delivered", () -> watcher.count() == 300);

        EventFeed.Reading reading = fanOut.read(Set.of("locks"), 150L, null, 10, 0);
        assertTrue(reading.reset());
        assertEquals(201, reading.oldestEventId());
        assertEquals(300, reading.latestEventId());
        assertEquals(10, fanOut.read(Set.of("locks"), 250L, null, 10, 0).events().size());
    }

    @Test
    void aResumeReplaysOnlyItsChannelsAcrossManyScansOfTheLog() {
        start(100_000);
        MemoryRemote watcher = connect();
        // one "agents" event every 1000: a replay scans the log in several passes to find them
        LongStream.rangeClosed(1, 30_000).forEach(n -> relay.send(event(n % 1000 == 0 ? "agents" : "locks", n)));
        Await.until("every event delivered", () -> watcher.count() == 30_000);

        MemoryRemote client = resume(Set.of("agents"), 4_500);
        Await.until("the replay", () -> client.count() == 26);
        relay.send(event("agents", 30_001));
        Await.until("live again", () -> client.count() == 27);
        List<Long> expected = new ArrayList<>(LongStream.rangeClosed(5, 30).map(k -> k * 1000).boxed().toList());
        expected.add(30_001L);
        assertEquals(expected, frames(client).stream().map(Frame::eventId).toList());
    }

    @Test
    void eventsTheRelayLostReachEverySessionAsAGapAndResetAResumeFromBefore() {
        start(1000);
        MemoryRemote live = connect();
        relay.send(event("locks", 1));
        Await.until("the first event", () -> live.count() == 1);
        fanOut.missed(58, 57); // what the grid relay reports when this instance fell behind it

        Await.until("the gap", () -> live.count() == 2);
        assertEquals("{\"dropped\":57,\"seq\":2,\"type\":\"gap\"}", live.sent().get(1));

        MemoryRemote client = resume(Set.of("locks"), 1);
        Await.until("the reset", () -> client.count() == 1);
        assertTrue(client.sent().get(0).contains("\"type\":\"reset\""), client.sent().get(0));
    }
}
