package dev.crosslinkhub.hub;

import dev.crosslinkhub.events.HubEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the open {@code /ws} sessions and fans every committed {@link HubEvent} out to them:
 * serialized once, handed to the {@link EventRelay} (which brings every instance's events back
 * in one order, numbered), queued per session, sent by the {@link SenderPool}.
 */
@ApplicationScoped
public class SessionRegistry implements Outbox.ReplaySource, EventRelay.Delivery {

    /** Ids reserved in the database at a time. */
    private static final long ID_BLOCK = 10_000;
    /** Replayed events queued at a time, and log entries scanned at a time, per session. */
    private static final int REPLAY_BATCH = 64;
    private static final int REPLAY_SCAN = 4096;

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    @Inject
    HubSettings settings;

    @Inject
    ChannelCatalog channels;

    @Inject
    SenderPool senders;

    @Inject
    EventIdStore idStore;

    @Inject
    HubMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Guards the order of events: the log, fan-out, and every switch between replay and live. */
    private final Object fanOut = new Object();
    private EventEncoder encoder;
    private EventRelay relay;
    private EventLog log;
    private ScheduledFuture<?> watchdog;
    private Thread goodbyeOnExit;
    private volatile boolean stopping;

    private record Connection(Session session, Outbox outbox, String address) {
    }

    /** Open sessions per client address, for {@code hub.ws.max-connections-per-address}. */
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        encoder = new EventEncoder();
        log = new EventLog(settings.resumeMaxEvents(), settings.resumeMaxAge().toNanos(), 0);
        relay = RelayChoice.choose(settings.clusterEnabled(), idStore, executor, threads, settings.resumeMaxEvents(), ID_BLOCK);
        relay.start(this);
        synchronized (fanOut) {
            log.lostUpTo(relay.idsBefore());
        }
        LOG.info(() -> "hub events relayed by: " + relay.describe());
        watchdog = scheduler.scheduleWithFixedDelay(this::evictStalled, 500, 500, TimeUnit.MILLISECONDS);
        // Payara Micro exits on SIGTERM without undeploying, so @PreDestroy would never say goodbye.
        goodbyeOnExit = new Thread(this::closeAll, "hub-goodbye");
        Runtime.getRuntime().addShutdownHook(goodbyeOnExit);
    }

    /**
     * Every event any bean fires, after its transaction commits (at once outside a transaction).
     * Runs on the firing thread: it serializes once and hands the event to the relay.
     */
    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) HubEvent event) {
        EncodedEvent encoded = encoder.encode(event);
        channels.learn(encoded.channel());
        metrics.fired(event.type());
        relay.send(encoded);
    }

    /**
     * An event from the relay, from this instance or another, in the relay's order: logged for
     * resume, and queued for every session that wants it when it is live.
     */
    @Override
    public void deliver(long id, EncodedEvent event, long firedNanos, boolean live) {
        channels.learn(event.channel());
        // One fan-out at a time, so every session sees concurrent producers' events in one order.
        synchronized (fanOut) {
            log.append(new EventLog.Entry(id, event, firedNanos));
            if (live) {
                for (Connection connection : connections.values()) {
                    connection.outbox().offer(event, id, firedNanos);
                }
            }
        }
    }

    /** The relay lost events before this instance read them: every session is told to re-sync. */
    @Override
    public void missed(long upToId, long count) {
        synchronized (fanOut) {
            log.lostUpTo(upToId);
            for (Connection connection : connections.values()) {
                connection.outbox().missed(count);
            }
        }
    }

    /** Starts the relay at deployment, not at the first event, so that it reads the cluster's events from the start. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        LOG.fine(() -> "hub ready; event ids continue after " + relay.idsBefore());
    }

    @Override
    public void refill(Outbox outbox) {
        synchronized (fanOut) {
            log.trimOlderThan(System.nanoTime() - settings.resumeMaxAge().toNanos());
            long after = outbox.replayedUpTo();
            if (log.lostAfter(after)) {
                outbox.resetTo(log.oldestId(), log.latestId());
                return;
            }
            EventLog.Batch batch = log.after(after, outbox::wants, REPLAY_BATCH, REPLAY_SCAN);
            if (batch.entries().isEmpty() && batch.scannedUpTo() == after) {
                outbox.goLive();
            } else {
                outbox.replay(batch.entries(), batch.scannedUpTo());
            }
        }
    }

    void open(Session session) {
        String address = clientAddress(session);
        int limit = settings.maxConnectionsPerAddress();
        if (limit > 0 && !address.equals(UNKNOWN) && perAddress.merge(address, 1, Integer::sum) > limit) {
            perAddress.merge(address, -1, Integer::sum);
            LOG.log(Level.INFO, "event=refuse session={0} client={1} reason=too-many-connections limit={2}",
                    new Object[] {session.getId(), address, limit});
            executor.execute(() -> close(session, CloseCodes.tooManyConnections(limit)));
            return;
        }
        LOG.log(Level.INFO, "event=connect session={0} client={1}", new Object[] {session.getId(), address});
        Outbox outbox = new Outbox(session.getId(), session.getAsyncRemote(), settings.outboxLimits(), senders,
                reason -> evict(session.getId(), reason), this, metrics);
        synchronized (fanOut) {
            connections.put(session.getId(), new Connection(session, outbox, address));
        }
    }

    void received(Session session, String text) {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        ClientMessage message = ClientMessage.read(text, channels::isKnown);
        if (message instanceof ClientMessage.Subscribe subscribe
                && !connection.outbox().allowSubscribe(System.nanoTime(), settings.maxSubscribesPerSecond())) {
            metrics.refused();
            connection.outbox().refuse("too many subscribe messages: at most " + settings.maxSubscribesPerSecond()
                    + " a second; this one was ignored");
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            LOG.info(() -> "event=subscribe session=" + session.getId() + " client=" + connection.address()
                    + " channels=" + String.join(",", subscribe.channels())
                    + (subscribe.since() == null ? "" : " since=" + subscribe.since()));
            if (subscribe.since() == null) {
                connection.outbox().subscribe(subscribe.channels());
            } else {
                synchronized (fanOut) {
                    connection.outbox().subscribe(subscribe.channels());
                    connection.outbox().resumeAfter(subscribe.since());
                }
            }
        } else if (message instanceof ClientMessage.Refused refused) {
            metrics.refused();
            connection.outbox().refuse(refused.reason());
        }
    }

    void heard(Session session) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.outbox().heard();
        }
    }

    void refuse(Session session, String reason) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            metrics.refused();
            connection.outbox().refuse(reason);
        }
    }

    /** The session is gone (closed by either side, or failed): free its queue. */
    void closed(Session session) {
        Connection connection = forget(session.getId());
        if (connection != null) {
            connection.outbox().close();
            LOG.log(Level.INFO, "event=close session={0} client={1}", new Object[] {session.getId(), connection.address()});
        }
    }

    /** Removes a session from the registry and from its address' count. */
    private Connection forget(String sessionId) {
        Connection connection = connections.remove(sessionId);
        if (connection != null && !connection.address().equals(UNKNOWN)) {
            perAddress.computeIfPresent(connection.address(), (address, count) -> count <= 1 ? null : count - 1);
        }
        return connection;
    }

    private static final String UNKNOWN = "unknown";

    /**
     * The peer's address: the one {@link HandshakeGate} saw on the upgrade request. Should a
     * container not pass its parameter on, what the container itself tells: Undertow (WildFly)
     * may put it in the user properties, Tyrus (Payara) has {@code getRemoteAddr()} on its session.
     * Elsewhere it is "unknown" and the per-address limit cannot apply.
     */
    static String clientAddress(Session session) {
        List<String> seen = session.getRequestParameterMap().get(HandshakeGate.CLIENT_ADDRESS);
        Object address = seen == null || seen.isEmpty() ? null : seen.get(0);
        if (address == null) {
            address = session.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
        }
        if (address == null) {
            address = session.getUserProperties().get("javax.websocket.endpoint.remoteAddress");
        }
        if (address == null) {
            try {
                address = session.getClass().getMethod("getRemoteAddr").invoke(session);
            } catch (ReflectiveOperationException | RuntimeException notTyrus) {
                return UNKNOWN;
            }
        }
        if (address == null) {
            return UNKNOWN;
        }
        String text = address.toString();
        if (text.startsWith("/")) {
            int port = text.lastIndexOf(':');
            return text.substring(1, port > 0 ? port : text.length());
        }
        return text;
    }

    /** Whether new sessions are served: started, not shutting down. */
    public boolean accepting() {
        return encoder != null && !stopping;
    }

    /** How many {@code /ws} sessions are open. */
    public int openSessions() {
        return connections.size();
    }

    /** The hub's metrics in Prometheus' text format. */
    public String metricsText() {
        Map<String, Integer> byChannel = new java.util.TreeMap<>();
        for (String channel : channels.known()) {
            byChannel.put(channel, (int) connections.values().stream().filter(c -> c.outbox().wants(channel)).count());
        }
        int[] depths = connections.values().stream().mapToInt(c -> c.outbox().depth()).toArray();
        StringBuilder out = new StringBuilder(4096);
        metrics.writeTo(out, byChannel, depths.length, depths, relay.members());
        return out.toString();
    }

    /** The watchdog: evicts stalled sends, pings quiet sessions and closes those that stopped answering. */
    private void evictStalled() {
        long now = System.nanoTime();
        long limit = settings.sendTimeout().toNanos();
        long idle = settings.keepaliveInterval().toNanos();
        long timeout = settings.keepaliveTimeout().toNanos();
        for (Connection connection : connections.values()) {
            if (connection.outbox().stalledNanos(now) > limit) {
                evict(connection.session().getId(),
                        "slow consumer: a send took longer than " + settings.sendTimeout().toMillis() + " ms");
            } else if (idle > 0 && connection.outbox().unanswered(now, idle, timeout)) {
                dropDead(connection);
            }
        }
    }

    /** A peer that does not answer pings is gone: free its session now rather than when TCP notices. */
    private void dropDead(Connection connection) {
        if (forget(connection.session().getId()) == null) {
            return;
        }
        connection.outbox().close();
        metrics.keepaliveClosed();
        LOG.log(Level.INFO, "event=keepalive-close session={0} client={1} reason=\"no pong within {2} ms\"",
                new Object[] {connection.session().getId(), connection.address(), settings.keepaliveTimeout().toMillis()});
        executor.execute(() -> close(connection.session(), CloseCodes.noPong()));
    }

    /** Closes a slow or broken session. Never blocks the caller: the close may wait on the socket. */
    private void evict(String sessionId, String reason) {
        Connection connection = forget(sessionId);
        if (connection == null) {
            return;
        }
        connection.outbox().close();
        metrics.evicted();
        LOG.log(Level.INFO, "event=evict session={0} client={1} reason=\"{2}\"",
                new Object[] {sessionId, connection.address(), reason});
        executor.execute(() -> close(connection.session(), CloseCodes.slowConsumer(reason)));
    }

    /** Undeploy or shutdown: every client is told the server is going away (1001). */
    @PreDestroy
    void shutdown() {
        watchdog.cancel(false);
        relay.close();
        try {
            Runtime.getRuntime().removeShutdownHook(goodbyeOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
        closeAll();
        try {
            encoder.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing the JSON-B encoder", e);
        }
    }

    private void closeAll() {
        stopping = true;
        if (!connections.isEmpty()) {
            LOG.log(Level.INFO, "hub stopping: closing {0} sessions with 1001 (going away)", connections.size());
        }
        for (Connection connection : connections.values()) {
            connection.outbox().close();
            close(connection.session(), CloseCodes.goingAway());
        }
        connections.clear();
        perAddress.clear();
    }

    private static void close(Session session, CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing session " + session.getId(), e);
        }
    }
}
