package dev.crosslinkhub.hub.container;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payara's back-pressure, set at the handshake. Tyrus on Payara completes a send as soon as Grizzly
 * has taken the frame, and Grizzly takes frames for a client that reads nothing until its write
 * queue reaches its default bound, several MB per connection (kept in 8 KB buffers, whatever the
 * frame's size), so the hub's own queue bound never engaged: ten stalled clients cost ~270 MB.
 * Bounded here, Grizzly reports the socket not ready much sooner, Tyrus then completes sends only
 * as they drain, and the hub's window and queue take over: a stalled client gets {@code gap}s.
 *
 * <p>Reached through public methods of Payara's request and Grizzly's connection; on another
 * container (or a Payara without them) nothing happens and the portable behaviour stays.
 */
final class GrizzlyWriteLimit {

    private static final Logger LOG = Logger.getLogger(GrizzlyWriteLimit.class.getName());
    static final String REQUEST_FACADE = "org.apache.catalina.connector.RequestFacade";

    private GrizzlyWriteLimit() {
    }

    /** Sets the bound on the connection of {@code request}; whether it could. */
    static boolean apply(ServletRequest request, int bytes) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        if (!inner.getClass().getName().equals(REQUEST_FACADE)) {
            return false;
        }
        try {
            Object catalina = call(inner, "getUnwrappedCoyoteRequest");
            Object grizzly = call(catalina, "getCoyoteRequest");
            Object connection = call(grizzly, "getConnection");
            Method limit = connection.getClass().getMethod("setMaxAsyncWriteQueueSize", int.class);
            limit.invoke(connection, bytes);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "this Payara's connection offers no write-queue bound", e);
            return false;
        }
    }

    private static Object call(Object target, String method)
            throws NoSuchMethodException, IllegalAccessException, InvocationTargetException {
        Object result = target.getClass().getMethod(method).invoke(target);
        if (result == null) {
            throw new IllegalStateException(method + " answered null");
        }
        return result;
    }
}
