package dev.crosslinkhub.hub.container;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The TCP connection under a {@code /ws} session on Payara, reached at the handshake through
 * public methods of Payara's request and Grizzly's connection. Two things JSR 356 cannot do:
 * <ul>
 *   <li><b>Bound what Grizzly buffers.</b> Tyrus on Payara completes a send as soon as Grizzly has
 *       taken the frame, and Grizzly takes frames for a client that reads nothing until its write
 *       queue reaches its default bound, several MB per connection, so the hub's own queue bound
 *       never engaged: ten stalled clients cost ~270 MB. Bounded, Grizzly reports the socket not
 *       ready much sooner, Tyrus completes sends only as they drain, and the hub's window and
 *       queue take over: a stalled client gets {@code gap}s. (With the hub's frames written
 *       straight to the connection, {@link #frames}, they complete only as they drain anyway, and
 *       {@link ContainerSockets} lifts the bound.)</li>
 *   <li><b>End the connection when the session ends.</b> Closing a Tyrus session on Payara
 *       finishes the upgraded HTTP request but leaves the socket open for keep-alive (30 s). A
 *       client that stalled has its close frame discarded with the rest of its queue, so, evicted,
 *       it would sit connected and hear nothing until then. The hub closes the socket once what
 *       was written drains, and cuts it if that has not happened within {@link #CUT_AFTER_MS}
 *       ({@link ContainerSockets} keeps that time).</li>
 * </ul>
 * On another container (or a Payara without these methods) {@link #of} finds nothing and the
 * portable behaviour stays.
 */
final class GrizzlyConnection {

    private static final Logger LOG = Logger.getLogger(GrizzlyConnection.class.getName());
    static final String REQUEST_FACADE = "org.apache.catalina.connector.RequestFacade";
    /** A close frame that has not drained in this long goes to a client that is not reading. */
    static final long CUT_AFTER_MS = 2000;

    private final Object connection;
    private GrizzlyConnection(Object connection) {
        this.connection = connection;
    }

    /** The connection a handshake arrived on, or null off Payara. */
    static GrizzlyConnection of(ServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        if (!inner.getClass().getName().equals(REQUEST_FACADE)) {
            return null;
        }
        try {
            Object catalina = Objects.requireNonNull(call(inner, "getUnwrappedCoyoteRequest"));
            Object grizzly = Objects.requireNonNull(call(catalina, "getCoyoteRequest"));
            return new GrizzlyConnection(Objects.requireNonNull(call(grizzly, "getConnection")));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "this Payara's request does not lead to its connection", e);
            return null;
        }
    }

    /** A Grizzly connection the hub was handed as such, or null for none. */
    static GrizzlyConnection wrap(Object connection) {
        return connection == null ? null : new GrizzlyConnection(connection);
    }

    /** Bounds Grizzly's write queue for this connection; whether it could. */
    boolean limitWriteQueue(int bytes) {
        try {
            Method limit = connection.getClass().getMethod("setMaxAsyncWriteQueueSize", int.class);
            limit.invoke(connection, bytes);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "this Payara's connection offers no write-queue bound", e);
            return false;
        }
    }

    /** Writes the hub's frames straight to this connection's write queue, or null where it has none. */
    FrameWriter frames() {
        try {
            return GrizzlyFrames.of(connection);
        } catch (LinkageError notVisible) {
            LOG.log(Level.FINE, "Grizzly's connection types are not visible to the application", notVisible);
            return null;
        }
    }

    /** Closes the socket once what was already written (the close frame among it) has drained. */
    void closeAfterWrites() {
        try {
            call(connection, "close"); // Grizzly's graceful close: after the write queue
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a Grizzly connection", e);
        }
    }

    /** Whether the socket is closed (or cannot be asked, which counts as closed: nothing more can be done). */
    boolean closed() {
        try {
            return Boolean.TRUE.equals(call(connection, "isClosed"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    /** Ends the socket now, whatever is still queued on it. */
    void cutIfOpen() {
        try {
            if (!closed()) {
                call(connection, "terminateSilently");
                LOG.log(Level.FINE, "cut a connection whose close did not drain: {0}", connection);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "cutting a Grizzly connection", e);
        }
    }

    private static Object call(Object target, String method)
            throws NoSuchMethodException, IllegalAccessException, InvocationTargetException {
        return target.getClass().getMethod(method).invoke(target);
    }
}
