package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.relay.EncodedEvent;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One session's stream: seq, overflow and gap, one send in flight, eviction reported to its
 * owner, pings, and the replay from the resume log into live, on an in-memory remote, with this
 * test as the relay and as the sender thread.
 */
class OutboxTest {

    private final MemoryRemote remote = new MemoryRemote();
    private final List<Outbox> scheduled = new ArrayList<>();
    private final RecordingOwner owner = new RecordingOwner();
    private final List<String> evictions = owner.evictions;
    private final FanOut fanOut = new FanOut(1000, Long.MAX_VALUE, Duration.ofHours(1), channel -> { });

    private Outbox outbox(int maxMessages, long maxBytes, int maxOverflows) {
        return new Outbox("s1", remote.async(), new OutboxLimits(maxMessages, maxBytes, maxOverflows),
                scheduled::add, owner, fanOut, new HubMetrics());
    }

    private Outbox outbox() {
        return outbox(256, 1 << 20, 0);
    }

    private static EncodedEvent event(String channel, long n) {
        return new EncodedEvent(channel, "\"n\":" + n + ",\"type\":\"t\"}");
    }

    /** What a sender thread does: drain every outbox that asked for it. */
    private void runSenders() {
        while (!scheduled.isEmpty()) {
            scheduled.remove(0).drain();
        }
    }

    private List<Frame> frames() {
        return remote.sent().stream().map(Frame::of).toList();
    }

    @Test
    void seqStartsAtOneAndCountsOnlyWhatIsSent() {
        Outbox outbox = outbox();
        outbox.subscribe(Set.of("locks"));
        outbox.offer(event("locks", 1), 1, 0);
        outbox.offer(event("agents", 2), 2, 0);
        outbox.offer(event("locks", 3), 3, 0);
        runSenders();
        assertEquals(List.of("{\"seq\":1,\"n\":1,\"type\":\"t\"}", "{\"seq\":2,\"n\":3,\"type\":\"t\"}"), remote.sent());
    }

    @Test
    void overflowDropsTheOldestAndAGapWithTheExactCountGoesFirst() {
        Outbox outbox = outbox(3, 1 << 20, 0);
        for (int n = 1; n <= 10; n++) {
            outbox.offer(event("locks", n), n, 0);
        }
        assertEquals(3, outbox.depth());
        runSenders();
        assertEquals(List.of(
                "{\"dropped\":7,\"seq\":1,\"type\":\"gap\"}",
                "{\"seq\":2,\"n\":8,\"type\":\"t\"}",
                "{\"seq\":3,\"n\":9,\"type\":\"t\"}",
                "{\"seq\":4,\"n\":10,\"type\":\"t\"}"), remote.sent());
        assertEquals(7, outbox.droppedTotal());
    }

    @Test
    void theByteBoundDropsTooButKeepsTheNewestFrame() {
        int size = event("locks", 1).size();
        Outbox outbox = outbox(256, 2L * size, 0);
        for (int n = 1; n <= 5; n++) {
            outbox.offer(event("locks", n), n, 0);
        }
        assertEquals(2, outbox.depth());
        runSenders();
        assertEquals("{\"dropped\":3,\"seq\":1,\"type\":\"gap\"}", remote.sent().get(0));
    }

    @Test
    void exactlyOneSendIsInFlightAndACompletionOnAnotherThreadResumesTheDrain() {
        remote.holdingCompletions();
        Outbox outbox = outbox();
        outbox.offer(event("locks", 1), 1, 0);
        outbox.offer(event("locks", 2), 2, 0);
        runSenders();
        assertEquals(1, remote.count(), "the second waits for the first to complete");
        assertTrue(outbox.stalledNanos(System.nanoTime() + 1_000_000) > 0, "a send is in flight");

        remote.completeOne();
        assertEquals(1, scheduled.size(), "the completion put the outbox back to work");
        runSenders();
        assertEquals(2, remote.count());
        remote.completeOne();
        runSenders();
        assertEquals(0, outbox.stalledNanos(System.nanoTime()));
    }

    @Test
    void aSessionThatOverflowsAgainAndAgainIsEvicted() {
        remote.holdingCompletions();
        Outbox outbox = outbox(2, 1 << 20, 3);
        int n = 0;
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 5; i++) {
                outbox.offer(event("locks", ++n), n, 0);
            }
            runSenders();
            remote.completeOne(); // it reads one message (the gap) per round, never catching up
        }
        assertEquals(1, evictions.size(), evictions.toString());
        assertTrue(evictions.get(0).contains("overflowed 3 times"));
    }

    @Test
    void catchingUpResetsTheOverflowCount() {
        Outbox outbox = outbox(2, 1 << 20, 2);
        for (int round = 1; round <= 5; round++) {
            for (int i = 0; i < 5; i++) {
                outbox.offer(event("locks", i), i, 0);
            }
            runSenders(); // drains empty each round
        }
        assertEquals(List.of(), evictions);
    }

    @Test
    void aFailedSendIsReportedOnceAndAfterItsOwnerClosesItNothingMoreIsSent() {
        remote.holdingCompletions();
        Outbox outbox = outbox();
        outbox.offer(event("locks", 1), 1, 0);
        outbox.offer(event("locks", 2), 2, 0);
        runSenders();
        remote.completeOne(new SendResult(new IOException("broken pipe")));
        assertEquals(1, evictions.size());
        assertTrue(evictions.get(0).startsWith("send failed"), evictions.get(0));
        assertEquals(Outbox.Mode.LIVE, outbox.mode(), "the outbox reports; its owner closes it");

        outbox.close();
        assertEquals(0, outbox.depth());
        outbox.offer(event("locks", 3), 3, 0);
        runSenders();
        assertEquals(1, remote.count(), "nothing is sent after a failure");
        assertEquals(1, evictions.size());
    }

    @Test
    void aDrainThatBreaksAsksItsOwnerToEndTheSessionRatherThanStayDeaf() {
        remote.breakSendsWith(new StackOverflowError("injected"));
        Outbox outbox = outbox();
        outbox.offer(event("locks", 1), 1, 0);
        runSenders();
        assertEquals(1, owner.faults.size());
        assertTrue(owner.faults.get(0) instanceof StackOverflowError);
        assertEquals(List.of(), evictions, "a fault is not a slow consumer");
    }

    @Test
    void errorsAreSentWhateverTheFilterAndTakeASeq() {
        Outbox outbox = outbox();
        outbox.subscribe(Set.of());
        outbox.offer(event("locks", 1), 1, 0);
        outbox.refuse("unknown channel 'x'");
        runSenders();
        assertEquals(List.of("{\"message\":\"unknown channel 'x'\",\"seq\":1,\"type\":\"error\"}"), remote.sent());
    }

    @Test
    void aFloodOfRefusalsIsAnsweredUpToTheLimitThenSummedUpInOneError() {
        Outbox outbox = outbox();
        for (int i = 0; i < Outbox.MAX_QUEUED_ERRORS + 5; i++) {
            outbox.refuse("bad frame " + i);
        }
        runSenders();
        List<String> sent = remote.sent();
        assertEquals(Outbox.MAX_QUEUED_ERRORS + 1, sent.size());
        assertTrue(sent.get(sent.size() - 1).contains("5 more messages were refused"), sent.get(sent.size() - 1));
    }

    @Test
    void aDuePingGoesOutBeforeTheNextFrameAndTakesNoSeq() {
        Outbox outbox = outbox();
        outbox.ping();
        outbox.offer(event("locks", 1), 1, 0);
        runSenders();
        assertEquals(1, remote.pings());
        assertEquals(List.of("{\"seq\":1,\"n\":1,\"type\":\"t\"}"), remote.sent());
    }

    @Test
    void aFailedPingIsReportedForEviction() {
        remote.failPingsWith(new IOException("connection reset"));
        Outbox outbox = outbox();
        outbox.ping();
        runSenders();
        assertEquals(1, evictions.size());
        assertTrue(evictions.get(0).startsWith("ping failed"), evictions.get(0));
    }

    @Test
    void aResumedSessionIsReplayedWhatCameAfterItsSinceWithIdsThenGoesLive() {
        for (long id = 1; id <= 5; id++) {
            fanOut.deliver(id, event(id % 2 == 0 ? "locks" : "agents", id), System.nanoTime(), true);
        }
        Outbox outbox = outbox();
        fanOut.attach(outbox);
        fanOut.subscribe(outbox, Set.of("locks", "agents"), 2L);
        assertEquals(Outbox.Mode.REPLAYING, outbox.mode());
        runSenders();
        assertEquals(Outbox.Mode.LIVE, outbox.mode(), "the replay caught up");
        fanOut.deliver(6, event("locks", 6), System.nanoTime(), true);
        runSenders();
        assertEquals(List.of(
                "{\"seq\":1,\"epoch\":0,\"event_id\":3,\"n\":3,\"type\":\"t\"}",
                "{\"seq\":2,\"epoch\":0,\"event_id\":4,\"n\":4,\"type\":\"t\"}",
                "{\"seq\":3,\"epoch\":0,\"event_id\":5,\"n\":5,\"type\":\"t\"}",
                "{\"seq\":4,\"epoch\":0,\"event_id\":6,\"n\":6,\"type\":\"t\"}"), remote.sent());
    }

    @Test
    void liveEventsDuringTheReplayComeOnceInOrder() {
        for (long id = 1; id <= 3; id++) {
            fanOut.deliver(id, event("locks", id), System.nanoTime(), true);
        }
        Outbox outbox = outbox();
        fanOut.attach(outbox);
        fanOut.subscribe(outbox, Set.of("locks"), 0L);
        fanOut.deliver(4, event("locks", 4), System.nanoTime(), true); // before the sender ran: the replay brings it
        runSenders();
        fanOut.deliver(5, event("locks", 5), System.nanoTime(), true);
        runSenders();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), frames().stream().map(Frame::eventId).toList());
    }

    @Test
    void aReplayStepForAnOlderCursorIsIgnored() {
        Outbox outbox = outbox();
        outbox.resume(Set.of("locks"), 7, 0);
        outbox.replayed(new ReplayStep.Batch(3, List.of(new EventLog.Entry(4, event("locks", 4), 0)), 4));
        outbox.replayed(new ReplayStep.CaughtUp(3));
        assertEquals(0, outbox.depth());
        assertEquals(Outbox.Mode.REPLAYING, outbox.mode());
    }

    @Test
    void aSinceOlderThanTheLogIsAnsweredWithResetThenLiveEvents() {
        FanOut small = new FanOut(3, Long.MAX_VALUE, Duration.ofHours(1), channel -> { });
        for (long id = 1; id <= 6; id++) {
            small.deliver(id, event("locks", id), System.nanoTime(), true);
        }
        Outbox outbox = new Outbox("s2", remote.async(), new OutboxLimits(256, 1 << 20, 0), scheduled::add, owner,
                small, new HubMetrics());
        small.attach(outbox);
        small.subscribe(outbox, Set.of("locks"), 1L);
        runSenders();
        small.deliver(7, event("locks", 7), System.nanoTime(), true);
        runSenders();
        assertEquals(List.of(
                "{\"epoch\":0,\"latest_event_id\":6,\"oldest_event_id\":4,\"seq\":1,\"type\":\"reset\"}",
                "{\"seq\":2,\"epoch\":0,\"event_id\":7,\"n\":7,\"type\":\"t\"}"), remote.sent());
    }
}
