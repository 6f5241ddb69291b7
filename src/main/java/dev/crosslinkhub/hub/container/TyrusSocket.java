package dev.crosslinkhub.hub.container;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tyrus (Payara's WebSocket implementation), in two ways JSR 356 cannot reach:
 * <ul>
 *   <li><b>The idle timeout.</b> Every send re-arms the session's idle timeout on the container's
 *       managed scheduled executor, even with no idle timeout set: Tyrus 2.1.5 then schedules
 *       its check with delay 0, so it runs at once, and each run sets up Payara's whole
 *       invocation context. That was a quarter of the server's CPU under load. The session is
 *       given the hub's {@link IdleTimer} instead, which runs a check that is due now on the spot
 *       and keeps a later one on a plain thread. So is the container, the first time one of its
 *       sessions opens: each new session arms its check in its constructor, on the executor the
 *       container hands it, before the hub can reach the session, which was a sixth of the CPU
 *       of a client that connects, sends a frame and goes.</li>
 *   <li><b>Frames of the hub's own.</b> Tyrus encodes each text message to UTF-8 one character
 *       at a time and writes and flushes it alone. Its WebSocket's public {@code sendRawFrame}
 *       writes bytes as they are, under the same lock as its own frames (pongs, close), and
 *       answers with a {@link CompletableFuture}: the hub frames many messages into one write.</li>
 * </ul>
 * Tyrus exposes neither through its API: the scheduler is a private field of its session (and
 * of its container, {@code BaseContainer}), the WebSocket a field of its remote endpoint. Where
 * a Tyrus version lacks one, that part keeps the portable behaviour (slower, still correct) and
 * the hub says so once.
 */
final class TyrusSocket implements ContainerSocket {

    static final String SESSION_CLASS = "org.glassfish.tyrus.core.TyrusSession";
    static final String REMOTE_CLASS = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
    static final String CONTAINER_CLASS = "org.glassfish.tyrus.core.BaseContainer";

    private static final Logger LOG = Logger.getLogger(TyrusSocket.class.getName());

    private final Field scheduler;
    private final IdleTimer timer;
    /** The remote endpoint's WebSocket, and its raw send; null where this Tyrus has neither. */
    private volatile Field webSocket;
    private volatile Method sendRawFrame;
    private volatile boolean rawFramesTried;
    /** The last container given the timer: in practice the application's one. */
    private volatile Object timedContainer;

    private TyrusSocket(Field scheduler, IdleTimer timer) {
        this.scheduler = scheduler;
        this.timer = timer;
    }

    /** For sessions of {@code sessionClass}; the portable behaviour if its scheduler cannot be reached. */
    static ContainerSocket of(Class<?> sessionClass, IdleTimer timer) {
        try {
            Field field = sessionClass.getDeclaredField("service");
            if (field.getType() != ScheduledExecutorService.class || Modifier.isFinal(field.getModifiers())) {
                throw new NoSuchFieldException("service is " + field);
            }
            field.setAccessible(true);
            return new TyrusSocket(field, timer);
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=container-adapter-off container=tyrus reason=\"{0}\": every send keeps paying"
                    + " for a managed task that re-arms the idle timeout", e.toString());
            return PortableSocket.INSTANCE;
        }
    }

    @Override
    public void adopt(Session session) {
        Object container = session.getContainer();
        if (container != null && container != timedContainer) {
            giveTimer(container);
        }
        try {
            scheduler.set(session, timer);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "session " + session.getId() + " keeps the container's scheduler", e);
        }
    }

    /**
     * Hands the container's later sessions the timer, where the container offers them a managed
     * executor; one that makes its own plain pool costs nothing per session and keeps it.
     */
    private synchronized void giveTimer(Object container) {
        if (container == timedContainer) {
            return;
        }
        timedContainer = container;
        try {
            Field field = ancestorNamed(container.getClass(), CONTAINER_CLASS).getDeclaredField("managedScheduledExecutorService");
            if (field.getType() != ScheduledExecutorService.class || Modifier.isStatic(field.getModifiers())) {
                throw new NoSuchFieldException("managedScheduledExecutorService is " + field);
            }
            field.setAccessible(true);
            boolean managed = field.get(container) != null;
            if (managed) {
                field.set(container, timer); // a final field, set once here, before the sessions that read it
            }
            LOG.log(Level.INFO, "event=container-adapter container=tyrus new-sessions-timer={0}", managed ? "hub" : "tyrus");
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=container-adapter container=tyrus new-sessions-timer=managed reason=\"{0}\": each new"
                    + " session pays for a managed task", e.toString());
        }
    }

    /** {@code type} or the superclass of it named {@code name}, which declares the field the adapter needs. */
    private static Class<?> ancestorNamed(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        throw new NoSuchFieldException(type + " is not a " + name);
    }

    @Override
    public FrameWriter frames(Session session) {
        Object remote = session.getAsyncRemote();
        if (!rawFramesTried) {
            findRawFrames(remote.getClass());
        }
        Field field = webSocket;
        Method send = sendRawFrame;
        if (field == null || send == null) {
            return null;
        }
        try {
            Object socket = field.get(remote);
            return socket == null ? null : frames -> write(send, socket, frames);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "session " + session.getId() + " sends one message at a time", e);
            return null;
        }
    }

    private static CompletionStage<?> write(Method send, Object socket, ByteBuffer frames) {
        try {
            Object sent = send.invoke(socket, frames);
            return sent instanceof CompletionStage<?> stage ? stage
                    : CompletableFuture.failedFuture(new IllegalStateException("Tyrus answered a raw frame with " + sent));
        } catch (InvocationTargetException e) {
            return CompletableFuture.failedFuture(e.getCause()); // the session closed meanwhile, say
        } catch (IllegalAccessException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized void findRawFrames(Class<?> remoteClass) {
        if (rawFramesTried) {
            return;
        }
        try {
            Field field = ancestorNamed(remoteClass, REMOTE_CLASS).getDeclaredField("webSocket");
            field.setAccessible(true);
            Method send = field.getType().getMethod("sendRawFrame", ByteBuffer.class);
            if (!CompletionStage.class.isAssignableFrom(send.getReturnType()) && !send.getReturnType().isAssignableFrom(CompletableFuture.class)) {
                throw new NoSuchMethodException("sendRawFrame answers " + send.getReturnType());
            }
            webSocket = field;
            sendRawFrame = send;
            LOG.log(Level.INFO, "event=container-frames container=tyrus raw-frames=true");
        } catch (NoSuchFieldException | NoSuchMethodException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=container-frames container=tyrus raw-frames=false reason=\"{0}\": one send per message", e.toString());
        } finally {
            rawFramesTried = true;
        }
    }
}
