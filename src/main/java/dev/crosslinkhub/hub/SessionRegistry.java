package dev.crosslinkhub.hub;

import dev.crosslinkhub.api.TokenRotated;
import dev.crosslinkhub.hub.access.ClientAddress;
import dev.crosslinkhub.hub.access.HandshakeVerdict;
import dev.crosslinkhub.hub.container.ContainerSockets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open {@code /ws} sessions: their life (open, the per-address limit, eviction, close, the
 * goodbye at shutdown) and what their clients send. It alone closes a session's {@link Outbox}.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    @Inject
    HubSettings settings;

    @Inject
    ChannelCatalog channels;

    @Inject
    SenderPool senders;

    @Inject
    Publisher publisher;

    @Inject
    HubMetrics metrics;

    @Inject
    ContainerSockets containers;

    @Resource
    ManagedExecutorService executor;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final AddressLimit perAddress = new AddressLimit();
    private FanOut fanOut;
    private Thread goodbyeOnExit;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        fanOut = publisher.fanOut();
        // Payara Micro exits on SIGTERM without undeploying, so @PreDestroy would never say goodbye.
        goodbyeOnExit = new Thread(this::closeAll, "hub-goodbye");
        Runtime.getRuntime().addShutdownHook(goodbyeOnExit);
    }

    void open(Session session) {
        String address = ClientAddress.of(session);
        int limit = settings.maxConnectionsPerAddress();
        if (!perAddress.admit(address, limit)) {
            LOG.log(Level.INFO, "event=refuse session={0} client={1} reason=too-many-connections limit={2}",
                    new Object[] {session.getId(), address, limit});
            executor.execute(() -> close(session, CloseCodes.tooManyConnections(limit)));
            return;
        }
        LOG.log(Level.INFO, "event=connect session={0} client={1}", new Object[] {session.getId(), address});
        Outbox outbox = new Outbox(session.getId(), session.getAsyncRemote(), containers.frames(session), settings.outboxLimits(), senders,
                new Outbox.Owner() {
                    @Override
                    public void evict(String why) {
                        SessionRegistry.this.evict(session.getId(), why);
                    }

                    @Override
                    public void fail(Throwable fault) {
                        failed(session, fault);
                    }
                }, fanOut, metrics);
        long now = System.nanoTime();
        connections.put(session.getId(), new Connection(session, address, outbox, new Keepalive(now),
                new Allowance(settings.maxSubscribesPerSecond(), now), new Allowance(settings.maxFramesPerSecond(), now),
                tokenGeneration(session)));
        fanOut.attach(outbox);
    }

    private static long tokenGeneration(Session session) {
        List<String> seen = session.getRequestParameterMap().get(HandshakeVerdict.TOKEN_GENERATION);
        try {
            return seen == null || seen.isEmpty() ? Connection.ANONYMOUS : Long.parseLong(seen.get(0));
        } catch (NumberFormatException notOurs) {
            return Connection.ANONYMOUS;
        }
    }

    /** The API token was rotated (here or on another hub): sessions it had authorised are closed with 4001. */
    void tokenRotated(@Observes TokenRotated rotation) {
        for (Connection connection : connections.values()) {
            if (connection.tokenGeneration() != Connection.ANONYMOUS && connection.tokenGeneration() < rotation.generation()
                    && forget(connection.id()) != null) {
                LOG.log(Level.INFO, "event=token-close session={0} client={1} reason=\"the token was rotated\"",
                        new Object[] {connection.id(), connection.address()});
                executor.execute(() -> close(connection.session(), CloseCodes.tokenRotated()));
            }
        }
    }

    /** A whole text message from the client. */
    void received(Session session, String text) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        ClientMessage message = ClientMessage.read(text, channels::isKnown);
        if (message instanceof ClientMessage.Subscribe subscribe) {
            if (!connection.subscribes().allow(System.nanoTime())) {
                refuse(connection, "too many subscribe messages: at most " + connection.subscribes().perSecond()
                        + " a second; this one was ignored");
                return;
            }
            LOG.info(() -> "event=subscribe session=" + session.getId() + " client=" + connection.address()
                    + " channels=" + String.join(",", subscribe.channels())
                    + (subscribe.since() == null ? "" : " since=" + subscribe.since())
                    + (subscribe.epoch() == null ? "" : " epoch=" + subscribe.epoch()));
            fanOut.subscribe(connection.outbox(), subscribe.channels(), subscribe.since(), subscribe.epoch());
        } else if (message instanceof ClientMessage.Refused refused) {
            refuse(connection, refused.reason());
        }
    }

    /**
     * The client sent a message or a pong, counted against its allowance. Whether to handle it:
     * false if the session is not served (refused, closing, or closed just now for flooding, 1008).
     */
    boolean arrived(Session session) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return false;
        }
        long now = System.nanoTime();
        if (!connection.frames().allow(now)) {
            flooded(connection);
            return false;
        }
        connection.keepalive().heard(now);
        return true;
    }

    /** A part of a message arrived: the client is alive. Whether the session is served. */
    boolean heard(Session session) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return false;
        }
        connection.keepalive().heard(System.nanoTime());
        return true;
    }

    private void flooded(Connection connection) {
        if (forget(connection.id()) != null) {
            metrics.flooded();
            int limit = connection.frames().perSecond();
            LOG.log(Level.INFO, "event=flood-close session={0} client={1} reason=\"more than {2} frames a second\"",
                    new Object[] {connection.id(), connection.address(), Integer.toString(limit)});
            executor.execute(() -> close(connection.session(), CloseCodes.flood(limit)));
        }
    }

    /** The client sent what the hub cannot take: it gets an {@code error} frame and stays connected. */
    void refuse(Session session, String reason) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            refuse(connection, reason);
        }
    }

    private void refuse(Connection connection, String reason) {
        metrics.refused();
        connection.outbox().refuse(reason);
    }

    /** The session is gone (closed by either side, or failed): free its queue. */
    void closed(Session session) {
        Connection connection = forget(session.getId());
        if (connection != null) {
            // the client's close (a close the hub made had forgotten the session already): the
            // container answers it after this returns, so the connection must stay open for that
            containers.forget(session);
            LOG.log(Level.INFO, "event=close session={0} client={1}", new Object[] {session.getId(), connection.address()});
        }
    }

    /** The open sessions, for the {@link Watchdog} and the metrics. */
    Collection<Connection> connections() {
        return connections.values();
    }

    /** Closes a slow or broken session with 1013. Never blocks the caller: the close may wait on the socket. */
    void evict(String sessionId, String reason) {
        Connection connection = forget(sessionId);
        if (connection != null) {
            metrics.evicted();
            LOG.log(Level.INFO, "event=evict session={0} client={1} reason=\"{2}\"",
                    new Object[] {sessionId, connection.address(), reason});
            executor.execute(() -> close(connection.session(), CloseCodes.slowConsumer(reason)));
        }
    }

    /**
     * The hub failed while serving the session (its drain broke, or the container reported an
     * error): the client is told with 1011 and may reconnect, rather than stay connected and deaf.
     */
    void failed(Session session, Throwable fault) {
        Connection connection = forget(session.getId());
        metrics.failed();
        LOG.log(Level.WARNING, "event=fail session=" + session.getId() + " client="
                + (connection == null ? ClientAddress.of(session) : connection.address()) + " reason=\"" + fault + "\"", fault);
        executor.execute(() -> close(session, CloseCodes.internalError()));
    }

    /** A peer that does not answer pings is gone: free its session now rather than when TCP notices (4008). */
    void dropDead(Connection connection) {
        if (forget(connection.id()) != null) {
            metrics.keepaliveClosed();
            LOG.log(Level.INFO, "event=keepalive-close session={0} client={1} reason=\"no pong within {2} ms\"",
                    new Object[] {connection.id(), connection.address(), settings.keepaliveTimeout().toMillis()});
            executor.execute(() -> close(connection.session(), CloseCodes.noPong()));
        }
    }

    /** Removes a session from the registry, the fan-out and its address' count, and closes its outbox; null if already gone. */
    private Connection forget(String sessionId) {
        Connection connection = connections.remove(sessionId);
        if (connection == null) {
            return null;
        }
        fanOut.detach(connection.outbox());
        connection.outbox().close();
        perAddress.release(connection.address());
        return connection;
    }

    /** Whether new sessions are served: started, not shutting down. */
    public boolean accepting() {
        return publisher.started() && !stopping;
    }

    /** How many {@code /ws} sessions are open. */
    public int openSessions() {
        return connections.size();
    }

    /** What the metrics report of the sessions now. */
    public HubSnapshot snapshot() {
        Map<String, Integer> byChannel = new TreeMap<>();
        for (String channel : channels.known()) {
            byChannel.put(channel, (int) connections.values().stream().filter(c -> c.outbox().wants(channel)).count());
        }
        int[] depths = connections.values().stream().mapToInt(c -> c.outbox().depth()).toArray();
        return new HubSnapshot(depths.length, byChannel, depths, perAddress.addresses(), publisher.members(),
                publisher.backedUp(), publisher.unpublished(), containers.connectionsHeld(), containers.timerTasksQueued(),
                publisher.fanOut().waiting());
    }

    /** Undeploy or shutdown: every client is told the server is going away (1001). */
    @PreDestroy
    void shutdown() {
        try {
            Runtime.getRuntime().removeShutdownHook(goodbyeOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
        closeAll();
    }

    private void closeAll() {
        stopping = true;
        if (!connections.isEmpty()) {
            LOG.log(Level.INFO, "hub stopping: closing {0} sessions with 1001 (going away)", connections.size());
        }
        try {
            for (String sessionId : connections.keySet()) {
                Connection connection = forget(sessionId);
                if (connection != null) {
                    close(connection.session(), CloseCodes.goingAway());
                }
            }
        } finally {
            containers.finish(); // before the process may exit: a stalled client is cut, not left connected
        }
    }

    /** Sends the close frame, then lets the container end the connection even if the client reads nothing more. */
    private void close(Session session, CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing session " + session.getId(), e);
        } finally {
            try {
                containers.release(session);
            } catch (RuntimeException e) { // one session's trouble must not keep the others open
                LOG.log(Level.WARNING, "releasing the connection of session " + session.getId(), e);
            }
        }
    }
}
