package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.container.FrameWriter;
import dev.crosslinkhub.hub.relay.EncodedEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An outbox on a container that takes frames of the hub's own: what is queued goes out framed,
 * many messages to a write, in order, with seq and gap exactly as one send per message would have
 * them, and a write that fails ends the session.
 */
class FramedOutboxTest {

    /** The writes handed to the container, each completed only when the test says. */
    private final List<ByteBuffer> writes = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final FrameWriter container = frames -> {
        writes.add(frames);
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        return done;
    };
    private final List<Outbox> scheduled = new ArrayList<>();
    private final RecordingOwner owner = new RecordingOwner();
    private final FanOut fanOut = new FanOut(1000, Long.MAX_VALUE, Duration.ofHours(1), channel -> { });

    private Outbox outbox(int maxMessages) {
        return new Outbox("s1", new MemoryRemote().async(), container, new OutboxLimits(maxMessages, 1 << 24, 0, 1),
                scheduled::add, owner, fanOut, new HubMetrics());
    }

    private static EncodedEvent event(long n) {
        return new EncodedEvent("locks", "\"n\":" + n + ",\"type\":\"t\"}");
    }

    private void runSenders() {
        while (!scheduled.isEmpty()) {
            scheduled.remove(0).drain();
        }
    }

    private void completeAll() {
        List<CompletableFuture<Void>> now = new ArrayList<>(pending);
        pending.clear();
        now.forEach(done -> done.complete(null));
        runSenders();
    }

    /** The messages of one write, read back as a client reads server frames. */
    static List<String> messages(ByteBuffer write) {
        ByteBuffer frames = write.duplicate();
        List<String> messages = new ArrayList<>();
        while (frames.hasRemaining()) {
            assertEquals(0x81, frames.get() & 0xFF, "final text frame");
            int marker = frames.get() & 0xFF;
            assertTrue(marker < 0x80, "a server frame is not masked");
            long length = marker < 126 ? marker : marker == 126 ? frames.getShort() & 0xFFFF : frames.getLong();
            byte[] payload = new byte[(int) length];
            frames.get(payload);
            messages.add(new String(payload, StandardCharsets.UTF_8));
        }
        return messages;
    }

    @Test
    void whatQueuesWhileAWriteIsOutGoesInTheNextWriteInOrder() {
        Outbox outbox = outbox(256);
        outbox.offer(event(1), 1, 0);
        runSenders();
        for (int n = 2; n <= 5; n++) {
            outbox.offer(event(n), n, 0);
        }
        runSenders();
        assertEquals(1, writes.size(), "one write in flight at a time (window 1)");
        completeAll();
        assertEquals(2, writes.size());
        assertEquals(List.of("{\"seq\":1,\"n\":1,\"type\":\"t\"}"), messages(writes.get(0)));
        assertEquals(List.of("{\"seq\":2,\"n\":2,\"type\":\"t\"}", "{\"seq\":3,\"n\":3,\"type\":\"t\"}",
                "{\"seq\":4,\"n\":4,\"type\":\"t\"}", "{\"seq\":5,\"n\":5,\"type\":\"t\"}"), messages(writes.get(1)));
    }

    @Test
    void anOverflowsGapLeadsTheWriteWithTheExactCount() {
        Outbox outbox = outbox(3);
        outbox.offer(event(1), 1, 0);
        runSenders(); // seq 1 in flight
        for (int n = 2; n <= 11; n++) {
            outbox.offer(event(n), n, 0);
        }
        completeAll();
        assertEquals(List.of("{\"dropped\":7,\"seq\":2,\"type\":\"gap\"}", "{\"seq\":3,\"n\":9,\"type\":\"t\"}",
                "{\"seq\":4,\"n\":10,\"type\":\"t\"}", "{\"seq\":5,\"n\":11,\"type\":\"t\"}"), messages(writes.get(1)));
    }

    @Test
    void aLongQueueGoesOutInWritesOfAtMostTheBatchEveryMessageOnce() {
        Outbox outbox = outbox(1000);
        int count = Outbox.MAX_BATCH_MESSAGES * 2 + 5;
        for (int n = 1; n <= count; n++) {
            outbox.offer(event(n), n, 0);
        }
        runSenders();
        while (!pending.isEmpty()) {
            completeAll();
        }
        List<String> all = writes.stream().flatMap(write -> messages(write).stream()).toList();
        assertEquals(IntStream.rangeClosed(1, count).mapToObj(n -> "{\"seq\":" + n + ",\"n\":" + n + ",\"type\":\"t\"}").toList(), all);
        assertTrue(writes.stream().allMatch(write -> messages(write).size() <= Outbox.MAX_BATCH_MESSAGES), "batches are bounded");
        assertEquals(3, writes.size());
    }

    @Test
    void aWriteTheContainerFailsEndsTheSession() {
        Outbox outbox = outbox(256);
        outbox.offer(event(1), 1, 0);
        runSenders();
        pending.get(0).completeExceptionally(new IllegalStateException("the socket is closed"));
        assertEquals(1, owner.evictions.size());
        assertTrue(owner.evictions.get(0).contains("the socket is closed"), owner.evictions.toString());
    }

    @Test
    void framesCarryEveryLengthEncodingAndUtf8() {
        String small = "x".repeat(125);
        String medium = "y".repeat(126);
        String large = "z".repeat(65_536);
        String accents = "{\"title\":\"déjà vu ✓ 😀\"}";
        ByteBuffer frames = TextFrames.of(List.of(small, medium, large, accents));
        assertEquals(List.of(small, medium, large, accents), messages(frames));
        assertEquals(2 + 125 + 4 + 126 + 10 + 65_536 + 2 + accents.getBytes(StandardCharsets.UTF_8).length, frames.remaining());
    }
}
