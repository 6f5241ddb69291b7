package dev.crosslinkhub.hub.upgrade;

import java.nio.ByteBuffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus' frames (its sends, pings, pongs and close) to an upgraded connection, through the
 * connection's filters below HTTP and so into its one write queue, in the order Tyrus wrote them.
 */
final class GrizzlyWriter extends Writer {

    private final Connection<?> connection;

    GrizzlyWriter(Connection<?> connection) {
        this.connection = connection;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> done) {
        ((Connection) connection).write(Buffers.wrap(connection.getMemoryManager(), buffer), new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                if (done != null) {
                    done.completed(buffer);
                }
            }

            @Override
            public void failed(Throwable throwable) {
                if (done != null) {
                    done.failed(throwable);
                }
            }

            @Override
            public void cancelled() {
                if (done != null) {
                    done.cancelled();
                }
            }
        });
    }

    @Override
    public void close() {
        connection.closeSilently();
    }
}
