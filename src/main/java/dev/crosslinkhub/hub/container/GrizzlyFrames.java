package dev.crosslinkhub.hub.container;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * The hub's frames written straight to the session's TCP connection on Payara, through Grizzly's
 * asynchronous write queue: the one every write to the connection ends in, Tyrus' own frames
 * (pings, pongs, close) included, so each write goes out whole and in the order it was queued.
 * Through Tyrus' {@code sendRawFrame} the same bytes crossed Tyrus' writer, Catalina's and
 * Grizzly's HTTP output buffers and the connection's filter chain first: three quarters of a
 * sender thread's samples at one event per write. With an empty queue the write is made on the calling
 * thread and completes there; otherwise Grizzly's selector writes it once the socket drains, and
 * completes it then. Grizzly's own bound on that queue only advises its HTTP output buffer;
 * what bounds a connection that is not draining here is the outbox's window of sends in flight.
 */
final class GrizzlyFrames implements FrameWriter {

    private final Connection<SocketAddress> connection;
    private final AsyncQueueWriter<SocketAddress> writer;
    private final MemoryManager<?> memory;

    private GrizzlyFrames(Connection<SocketAddress> connection, AsyncQueueWriter<SocketAddress> writer) {
        this.connection = connection;
        this.writer = writer;
        this.memory = connection.getMemoryManager();
    }

    /** The frame writer of {@code connection}, or null when it is not a Grizzly connection with a write queue. */
    @SuppressWarnings("unchecked")
    static FrameWriter of(Object connection) {
        if (connection instanceof Connection<?> grizzly && grizzly.getTransport() instanceof AsyncQueueEnabledTransport queued) {
            return new GrizzlyFrames((Connection<SocketAddress>) grizzly,
                    (AsyncQueueWriter<SocketAddress>) queued.getAsyncQueueIO().getWriter());
        }
        return null;
    }

    @Override
    public CompletionStage<?> write(ByteBuffer frames) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            writer.write(connection, null, Buffers.wrap(memory, frames), new Completion(written), null, null);
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    /** Completes the send once Grizzly has written all of it to the socket, or fails it. */
    private record Completion(CompletableFuture<Void> written)
            implements CompletionHandler<WriteResult<WritableMessage, SocketAddress>> {

        @Override
        public void cancelled() {
            written.completeExceptionally(new CancellationException("the write was cancelled"));
        }

        @Override
        public void failed(Throwable throwable) {
            written.completeExceptionally(throwable);
        }

        @Override
        public void completed(WriteResult<WritableMessage, SocketAddress> result) {
            written.complete(null);
        }

        @Override
        public void updated(WriteResult<WritableMessage, SocketAddress> result) {
            // a partial write: the rest follows
        }
    }
}
