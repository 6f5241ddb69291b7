package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Queue arithmetic of one session: seq, overflow, gap, one send in flight, eviction. */
class OutboxTest {

    /** A socket that records what is sent and completes each send when told to (or at once). */
    static final class Socket {
        final List<String> sent = new ArrayList<>();
        final ArrayDeque<SendHandler> pending = new ArrayDeque<>();
        boolean completeInline = true;

        RemoteEndpoint.Async remote() {
            return (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            sent.add((String) args[0]);
                            SendHandler handler = (SendHandler) args[1];
                            if (completeInline) {
                                handler.onResult(new SendResult());
                            } else {
                                pending.add(handler);
                            }
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        void completeOne() {
            pending.removeFirst().onResult(new SendResult());
        }
    }

    private final Socket socket = new Socket();
    private final List<Outbox> scheduled = new ArrayList<>();
    private final List<String> evictions = new ArrayList<>();

    private Outbox outbox(int maxMessages, long maxBytes, int maxOverflows) {
        return new Outbox("s1", socket.remote(), new OutboxLimits(maxMessages, maxBytes, maxOverflows),
                scheduled::add, evictions::add, outbox -> { throw new AssertionError("no replay here"); }, new HubMetrics());
    }

    private static EncodedEvent event(String channel, int n) {
        return new EncodedEvent(channel, "\"n\":" + n + ",\"type\":\"t\"}");
    }

    /** What a sender thread does: drain every outbox that asked for it. */
    private void runSenders() {
        while (!scheduled.isEmpty()) {
            scheduled.remove(0).drain();
        }
    }

    @Test
    void seqStartsAtOneAndCountsOnlyWhatIsSent() {
        Outbox outbox = outbox(256, 1 << 20, 0);
        outbox.subscribe(Set.of("locks"));
        outbox.offer(event("locks", 1), 1, 0);
        outbox.offer(event("agents", 2), 2, 0);
        outbox.offer(event("locks", 3), 3, 0);
        runSenders();
        assertEquals(List.of("{\"seq\":1,\"n\":1,\"type\":\"t\"}", "{\"seq\":2,\"n\":3,\"type\":\"t\"}"), socket.sent);
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
                "{\"seq\":4,\"n\":10,\"type\":\"t\"}"), socket.sent);
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
        assertEquals("{\"dropped\":3,\"seq\":1,\"type\":\"gap\"}", socket.sent.get(0));
    }

    @Test
    void exactlyOneSendIsInFlightAndACompletionOnAnotherThreadResumesTheDrain() {
        socket.completeInline = false;
        Outbox outbox = outbox(256, 1 << 20, 0);
        outbox.offer(event("locks", 1), 1, 0);
        outbox.offer(event("locks", 2), 2, 0);
        runSenders();
        assertEquals(1, socket.sent.size(), "the second waits for the first to complete");
        assertTrue(outbox.stalledNanos(System.nanoTime() + 1_000_000) > 0, "a send is in flight");

        socket.completeOne();
        assertEquals(1, scheduled.size(), "the completion put the outbox back to work");
        runSenders();
        assertEquals(2, socket.sent.size());
        socket.completeOne();
        runSenders();
        assertEquals(0, outbox.stalledNanos(System.nanoTime()));
    }

    @Test
    void aSessionThatOverflowsAgainAndAgainIsEvicted() {
        socket.completeInline = false;
        Outbox outbox = outbox(2, 1 << 20, 3);
        int n = 0;
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 5; i++) {
                outbox.offer(event("locks", ++n), n, 0);
            }
            runSenders();
            socket.completeOne(); // it reads one message (the gap) per round, never catching up
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
    void aFailedSendEvictsAndFreesTheQueue() throws IOException {
        socket.completeInline = false;
        Outbox outbox = outbox(256, 1 << 20, 0);
        outbox.offer(event("locks", 1), 1, 0);
        outbox.offer(event("locks", 2), 2, 0);
        runSenders();
        socket.pending.removeFirst().onResult(new SendResult(new IOException("broken pipe")));
        assertEquals(1, evictions.size());
        assertEquals(0, outbox.depth());
        outbox.offer(event("locks", 3), 3, 0);
        runSenders();
        assertEquals(1, socket.sent.size(), "nothing is sent after a failure");
    }

    @Test
    void errorsAreSentWhateverTheFilterAndTakeASeq() {
        Outbox outbox = outbox(256, 1 << 20, 0);
        outbox.subscribe(Set.of());
        outbox.offer(event("locks", 1), 1, 0);
        outbox.refuse("unknown channel 'x'");
        runSenders();
        assertEquals(List.of("{\"message\":\"unknown channel 'x'\",\"seq\":1,\"type\":\"error\"}"), socket.sent);
    }
}
