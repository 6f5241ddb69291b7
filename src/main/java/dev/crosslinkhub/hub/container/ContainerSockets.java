package dev.crosslinkhub.hub.container;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The container under each {@code /ws} session, where JSR 356 says nothing. At the handshake it
 * bounds what the HTTP layer buffers for the connection and remembers the connection; as a
 * session opens it gives it the {@link ContainerSocket} of its WebSocket implementation, chosen
 * by the session's class the first time one is seen; as the session ends it makes sure the
 * connection ends too. It alone holds the handshakes' connections, and owns the {@link IdleTimer}
 * (which also times the cut of a connection whose close does not drain).
 */
@ApplicationScoped
public class ContainerSockets {

    /** Grizzly's {@code UNLIMITED_SIZE} for a connection's write queue. */
    private static final int UNBOUNDED_WRITE_QUEUE = -1;

    /** The session parameter, set at the handshake, that names its connection here. */
    public static final String CONNECTION = "crosslink-hub.connection";

    private static final Logger LOG = Logger.getLogger(ContainerSockets.class.getName());
    private static final long DRAIN_POLL_MS = 20;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "hub.send.container-buffer-bytes", defaultValue = "65536")
    int containerBufferBytes;

    /** {@code hub.send.raw-frames=false}: one {@code sendText} per message on every container (to compare, or to rule it out). */
    @Inject
    @ConfigProperty(name = "hub.send.raw-frames", defaultValue = "true")
    boolean rawFrames;

    /** {@code hub.send.direct-writes=false}: the hub's frames go through Tyrus' {@code sendRawFrame}, not straight to Grizzly's write queue. */
    @Inject
    @ConfigProperty(name = "hub.send.direct-writes", defaultValue = "true")
    boolean directWrites;

    private final Map<Class<?>, ContainerSocket> bySessionClass = new ConcurrentHashMap<>();
    /**
     * Keyed by the peer's address and port and the handshake's number: address and port alone
     * are unique only among open connections, and on loopback a closed connection's port comes
     * back at once (TIME_WAIT reuse) while its session may still be closing here. Its close would
     * then take the new connection's entry, and close that connection.
     */
    private final Map<String, GrizzlyConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong handshakes = new AtomicLong();
    /** Released connections whose close has not drained yet: cut {@link GrizzlyConnection#CUT_AFTER_MS} after release. */
    private final Set<GrizzlyConnection> closing = ConcurrentHashMap.newKeySet();
    private IdleTimer idleTimer;

    private volatile boolean grizzlyAbsent;
    private volatile boolean grizzlySaid;

    /**
     * A handshake the hub lets through: on Payara, bounds its connection's write buffer (the
     * container would otherwise take frames for a client that reads nothing without limit) and
     * remembers the connection. Returns the value of {@link #CONNECTION} for the session, or null
     * where there is nothing to remember.
     */
    public String handshake(ServletRequest request) {
        if (grizzlyAbsent) {
            return null;
        }
        return remember(GrizzlyConnection.of(request), request.getRemoteAddr(), request.getRemotePort());
    }

    /**
     * As {@link #handshake(ServletRequest)}, for a handshake Payara's HTTP listener hands the hub
     * itself ({@code hub.upgrade}): {@code connection} is the Grizzly connection it arrived on.
     */
    public String handshake(Object connection, String remoteAddress, int remotePort) {
        return remember(GrizzlyConnection.wrap(connection), remoteAddress, remotePort);
    }

    private String remember(GrizzlyConnection connection, String remoteAddress, int remotePort) {
        boolean limited = connection != null && containerBufferBytes > 0 && connection.limitWriteQueue(containerBufferBytes);
        if (!grizzlySaid) {
            grizzlySaid = true;
            LOG.log(Level.INFO, "event=container-connection grizzly={0} write-limit-bytes={1}",
                    new Object[] {connection != null, Integer.toString(limited ? containerBufferBytes : 0)});
        }
        if (connection == null) {
            grizzlyAbsent = true; // not this container: the portable behaviour, without trying again
            return null;
        }
        String key = remoteAddress + ":" + remotePort + "#" + handshakes.incrementAndGet();
        connections.put(key, connection);
        return key;
    }

    /** The handshake named {@code connection} did not become a session. */
    public void refused(String connection) {
        connections.remove(connection);
    }

    /** Tunes a session that just opened. */
    public void adopt(Session session) {
        of(session).adopt(session);
    }

    /** How the hub may write its own frames to the session, or null where messages go one {@code sendText} each. */
    public FrameWriter frames(Session session) {
        if (!rawFrames || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        GrizzlyConnection connection = directWrites ? connections.get(connectionOf(session)) : null;
        FrameWriter direct = connection == null ? null : connection.frames();
        if (direct != null && connection.limitWriteQueue(UNBOUNDED_WRITE_QUEUE)) {
            // The window of sends in flight bounds the hub's frames now. Grizzly's bound would
            // only make Tyrus' own writes (its close frame, on the thread closing every session)
            // block behind a stalled client's queue.
            return direct;
        }
        return of(session).frames(session);
    }

    /**
     * The hub has closed the session: its connection closes once what was written (the close
     * frame among it) drains, or is cut shortly after, so a client that stalled learns it was closed.
     */
    public void release(Session session) {
        GrizzlyConnection connection = connections.remove(connectionOf(session));
        if (connection != null) {
            closing.add(connection);
            connection.closeAfterWrites();
            try {
                idleTimer().schedule(() -> cut(connection), GrizzlyConnection.CUT_AFTER_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                cut(connection); // the hub is stopping: finish() would cut it a moment later anyway
            }
        }
    }

    private void cut(GrizzlyConnection connection) {
        if (closing.remove(connection)) {
            connection.cutIfOpen();
        }
    }

    /**
     * The hub is stopping and has closed its sessions: every connection still here ends before
     * this returns, those whose close has drained at once, the rest once {@link
     * GrizzlyConnection#CUT_AFTER_MS} has passed. Not left to the timer, which stops with the hub,
     * nor to the process' exit, which the server may put off: a client that stalled would sit
     * connected and deaf meanwhile.
     */
    public void finish() {
        for (String key : connections.keySet()) { // handshakes under way, sessions the container ended itself
            GrizzlyConnection connection = connections.remove(key);
            if (connection != null) {
                closing.add(connection);
                connection.closeAfterWrites();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GrizzlyConnection.CUT_AFTER_MS);
        while (!closing.isEmpty() && System.nanoTime() < deadline) {
            closing.removeIf(GrizzlyConnection::closed);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_POLL_MS)); // Grizzly's close says nothing to the hub
        }
        closing.forEach(this::cut);
    }

    /**
     * The client (or the container) ended the session: its connection is forgotten, not closed.
     * The container still answers the client's close frame, after the endpoint heard of the close,
     * and the client then ends the connection itself.
     */
    public void forget(Session session) {
        connections.remove(connectionOf(session));
    }

    /** Connections held here: handshakes and sessions, and closed ones waiting to drain. */
    public int connectionsHeld() {
        return connections.size() + closing.size();
    }

    /** Tasks waiting in the idle timer: idle-timeout checks, and the cuts of closing connections. */
    public synchronized int timerTasksQueued() {
        return idleTimer == null ? 0 : idleTimer.getQueue().size();
    }

    /** The key of the session's connection here, "" for none. */
    private static String connectionOf(Session session) {
        List<String> named = session.getRequestParameterMap().get(CONNECTION);
        return named == null || named.isEmpty() ? "" : named.get(0);
    }

    ContainerSocket of(Session session) {
        return bySessionClass.computeIfAbsent(session.getClass(), this::choose);
    }

    private ContainerSocket choose(Class<?> sessionClass) {
        ContainerSocket socket = PortableSocket.INSTANCE;
        for (Class<?> c = sessionClass; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(TyrusSocket.SESSION_CLASS)) {
                socket = TyrusSocket.of(c, idleTimer());
                break;
            }
        }
        LOG.log(Level.INFO, "event=container-adapter session-class={0} adapter={1}",
                new Object[] {sessionClass.getName(), socket.getClass().getSimpleName()});
        return socket;
    }

    private synchronized IdleTimer idleTimer() {
        if (idleTimer == null) {
            idleTimer = new IdleTimer(task -> {
                Thread thread = threads.newThread(task);
                thread.setName("hub-idle-timer");
                thread.setDaemon(true);
                return thread;
            });
        }
        return idleTimer;
    }

    @PreDestroy
    void stop() {
        finish();
        stopTimer();
    }

    private synchronized void stopTimer() {
        if (idleTimer != null) {
            idleTimer.shutdownNow();
        }
    }
}
