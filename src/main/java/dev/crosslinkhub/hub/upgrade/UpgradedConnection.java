package dev.crosslinkhub.hub.upgrade;

import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.GenericCloseListener;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeHolder;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * One {@code /ws} connection after its handshake, out of HTTP: the Grizzly connection's bytes go
 * to its Tyrus connection, Tyrus' bytes to the Grizzly connection ({@link GrizzlyWriter}).
 *
 * <p>Taking the connection over: its processor becomes the listener's own filters below HTTP
 * (the transport, TLS if any, the idle-timeout filter) and {@link UpgradedReads}, so no later
 * byte reaches the HTTP parser, while its close still reaches every filter; the handshake's
 * request is marked as done and not an upgrade, so that Grizzly finishes it, recycles its request
 * and response and leaves the connection open;
 * then what Grizzly's HTTP layer still keeps on the connection is let go: its keep-alive timer
 * (which would close the connection after the listener's keep-alive timeout, 30 s) and its
 * parsed request. The listener's idle timeout is lifted for the connection: Tyrus and the hub
 * time idle sessions themselves.
 */
final class UpgradedConnection {

    private static final Logger LOG = Logger.getLogger(UpgradedConnection.class.getName());
    private static final Attribute<UpgradedConnection> ON_CONNECTION =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UpgradedConnection.class.getName());
    /** Grizzly's HTTP parser keeps a connection's keep-alive state under this name, its timer in a private field. */
    private static final String KEEP_ALIVE = "HttpServerFilter.KeepAliveContext";
    private static final Field KEEP_ALIVE_TIMEOUT = keepAliveTimeout();
    /** The processor of upgraded connections, one per listener chain (few: one per HTTP listener). */
    private static final Map<FilterChain, FilterChain> BELOW_HTTP = new ConcurrentHashMap<>();

    private final Connection<?> connection;
    private final Executor inApplication;
    private volatile org.glassfish.tyrus.spi.Connection tyrus;

    private UpgradedConnection(Connection<?> connection, Executor inApplication) {
        this.connection = connection;
        this.inApplication = inApplication;
    }

    /** Whether this Grizzly's HTTP state can be let go as above; if not, the servlet upgrade serves. */
    static boolean canRelease() {
        return KEEP_ALIVE_TIMEOUT != null;
    }

    /**
     * Sends the 101 {@code response} holds and hands the connection to the session {@code info}
     * makes. Called by the handshake's handler, before it returns.
     */
    static void takeOver(Request request, Response response, WebSocketEngine.UpgradeInfo info, Executor inApplication)
            throws IOException {
        Connection<?> connection = request.getContext().getConnection();
        FilterChain listener = (FilterChain) request.getContext().getFilterChain();
        UpgradedConnection upgraded = new UpgradedConnection(connection, inApplication);
        ON_CONNECTION.set(connection, upgraded);
        IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.MILLISECONDS);
        connection.setProcessor(BELOW_HTTP.computeIfAbsent(listener, UpgradedConnection::belowHttp));

        HttpRequestPacket handshake = request.getRequest();
        handshake.getUpgradeDC().recycle(); // else Grizzly closes an upgraded connection as its request ends
        handshake.setExpectContent(false);
        handshake.getProcessingState().setKeepAlive(true); // an upgrade's request is not judged for keep-alive: it would be closed
        request.addAfterServiceListener(done -> releaseHttp(connection));
        response.flush(); // the 101 goes before the session's first frame: both end in the connection's one write queue

        upgraded.tyrus = info.createConnection(new GrizzlyWriter(connection), reason -> connection.close());
        connection.addCloseListener((GenericCloseListener) (closed, type) -> upgraded.closed());
    }

    /** The upgraded connection on {@code connection}, or null. */
    static UpgradedConnection of(Connection<?> connection) {
        return ON_CONNECTION.get(connection);
    }

    /** Bytes the client sent: Tyrus parses them into frames and calls the endpoint, on this thread. */
    void read(Buffer bytes) {
        // Tyrus may keep a part of a frame until the rest comes: it gets its own copy.
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        bytes.get(copy);
        bytes.tryDispose();
        copy.flip();
        org.glassfish.tyrus.spi.Connection session = tyrus;
        if (session == null) {
            return; // a frame sent before the 101 was read: the client broke the protocol
        }
        inApplication.execute(() -> {
            try {
                session.getReadHandler().handle(copy);
            } catch (RuntimeException fault) {
                LOG.log(Level.WARNING, "reading a /ws connection failed; it is closed", fault);
                connection.closeSilently();
            }
        });
    }

    /** The TCP connection closed: the session ends, if Tyrus has not ended it already. */
    private void closed() {
        ON_CONNECTION.remove(connection);
        org.glassfish.tyrus.spi.Connection session = tyrus;
        if (session != null) {
            inApplication.execute(() -> session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, null)));
        }
    }

    /**
     * The listener's filters below HTTP, then {@link UpgradedReads}, which hands the close on to
     * the filters from HTTP up: they saw the connection accepted and must see it close (Payara's
     * HTTP/2 filter holds every connection it saw accepted until then).
     */
    private static FilterChain belowHttp(FilterChain listener) {
        FilterChainBuilder below = FilterChainBuilder.stateless();
        List<Filter> fromHttp = new ArrayList<>();
        for (Filter filter : listener) {
            if (filter instanceof HttpCodecFilter || !fromHttp.isEmpty()) {
                fromHttp.add(filter);
            } else {
                below.add(filter);
            }
        }
        return below.add(new UpgradedReads(fromHttp)).build();
    }

    /** After Grizzly has finished the handshake's request: what its HTTP layer keeps on the connection goes. */
    private static void releaseHttp(Connection<?> connection) {
        AttributeHolder attributes = connection.getAttributes();
        Object keepAlive = attributes.removeAttribute(KEEP_ALIVE);
        if (keepAlive != null) {
            try {
                KEEP_ALIVE_TIMEOUT.setLong(keepAlive, -1); // Grizzly's UNSET_TIMEOUT: its timer drops it
            } catch (IllegalAccessException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "could not stop the keep-alive timer of an upgraded connection", e);
            }
        }
        attributes.removeAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
    }

    private static Field keepAliveTimeout() {
        try {
            Field timeout = Class.forName(HttpServerFilter.class.getName() + "$KeepAliveContext", false,
                    HttpServerFilter.class.getClassLoader()).getDeclaredField("keepAliveTimeoutMillis");
            timeout.setAccessible(true);
            return timeout;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "this Grizzly's keep-alive timer cannot be reached: /ws stays on the servlet upgrade", e);
            return null;
        }
    }
}
