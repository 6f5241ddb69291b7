package dev.crosslinkhub.hub.container;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link ContainerSocket} of each session's container, chosen by the session's class the
 * first time one is seen. It owns the {@link IdleTimer} it gives Tyrus sessions.
 */
@ApplicationScoped
public class ContainerSockets {

    private static final Logger LOG = Logger.getLogger(ContainerSockets.class.getName());

    @Resource
    ManagedThreadFactory threads;

    private final Map<Class<?>, ContainerSocket> bySessionClass = new ConcurrentHashMap<>();
    private IdleTimer idleTimer;

    private volatile boolean writeLimitOff;
    private volatile boolean writeLimitSaid;

    /**
     * Bounds what the container itself buffers for the connection of a WebSocket handshake, where
     * the container would otherwise take frames for a client that reads nothing without limit.
     */
    public void limitWriteBuffer(jakarta.servlet.ServletRequest handshake, int bytes) {
        if (writeLimitOff || bytes <= 0) {
            return;
        }
        boolean applied = GrizzlyWriteLimit.apply(handshake, bytes);
        if (!writeLimitSaid) {
            writeLimitSaid = true;
            LOG.log(Level.INFO, "event=container-write-limit applied={0} bytes={1}", new Object[] {applied, bytes});
        }
        if (!applied) {
            writeLimitOff = true; // not this container: the portable behaviour, without trying again
        }
    }

    /** Tunes a session that just opened. */
    public void adopt(Session session) {
        of(session).adopt(session);
    }

    ContainerSocket of(Session session) {
        return bySessionClass.computeIfAbsent(session.getClass(), this::choose);
    }

    private ContainerSocket choose(Class<?> sessionClass) {
        ContainerSocket socket = PortableSocket.INSTANCE;
        if (isOrExtends(sessionClass, TyrusSocket.SESSION_CLASS)) {
            socket = TyrusSocket.of(classNamed(sessionClass, TyrusSocket.SESSION_CLASS), idleTimer());
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

    private static boolean isOrExtends(Class<?> type, String name) {
        return classNamed(type, name) != null;
    }

    private static Class<?> classNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    @PreDestroy
    synchronized void stop() {
        if (idleTimer != null) {
            idleTimer.shutdownNow();
        }
    }
}
