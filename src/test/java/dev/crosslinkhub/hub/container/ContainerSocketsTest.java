package dev.crosslinkhub.hub.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which connection the hub closes when a session ends, with connections that come and go fast. */
class ContainerSocketsTest {

    private final ContainerSockets sockets = new ContainerSockets();

    ContainerSocketsTest() {
        sockets.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                return Executors.defaultThreadFactory().newThread(task);
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            }
        };
        sockets.containerBufferBytes = 65536;
    }

    @AfterEach
    void stop() {
        sockets.stop();
    }

    @Test
    void aSessionClosingLateClosesItsOwnConnectionNotTheOneThatTookItsPort() {
        // On loopback a closed connection's port is reused at once; its session may still be closing here.
        FakeConnection old = new FakeConnection();
        String oldKey = sockets.handshake(old, "127.0.0.1", 50_000);
        FakeConnection reused = new FakeConnection();
        String newKey = sockets.handshake(reused, "127.0.0.1", 50_000);
        assertNotEquals(oldKey, newKey);

        sockets.release(sessionOn(oldKey));

        assertTrue(old.closed, "the late session's own connection is closed");
        assertFalse(reused.closed, "the connection that took its port stays open");
        assertEquals(2, sockets.connectionsHeld(), "the new connection, and the old one until its close drains");
        sockets.release(sessionOn(newKey));
        assertTrue(reused.closed);
    }

    private static Session sessionOn(String connection) {
        Map<String, List<String>> parameters = Map.of(ContainerSockets.CONNECTION, List.of(connection));
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestParameterMap" -> parameters;
                    case "toString" -> "session on " + connection;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The public methods of Grizzly's connection that the hub calls. */
    public static final class FakeConnection {

        volatile boolean closed;

        public void setMaxAsyncWriteQueueSize(int bytes) {
            // the bound is not what this test is about
        }

        public void close() {
            closed = true;
        }

        public boolean isClosed() {
            return closed;
        }

        public void terminateSilently() {
            closed = true;
        }
    }
}
