package dev.crosslinkhub.hub.container;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tyrus (Payara's WebSocket implementation). Every send re-arms the session's idle timeout on the
 * container's managed scheduled executor, even with no idle timeout set: Tyrus 2.1.5 then
 * schedules its check with delay 0, so it runs at once, and each run sets up Payara's whole
 * invocation context. That was a quarter of the server's CPU under load. The session is given
 * the hub's {@link IdleTimer} instead, which runs a check that is due now on the spot (with no
 * idle timeout set it returns at once) and keeps a later one on a plain thread.
 *
 * <p>Tyrus exposes the scheduler as a private field of its session; if a Tyrus version lacks it,
 * the session keeps the container's scheduler (slower, still correct) and the hub says so once.
 */
final class TyrusSocket implements ContainerSocket {

    static final String SESSION_CLASS = "org.glassfish.tyrus.core.TyrusSession";

    private static final Logger LOG = Logger.getLogger(TyrusSocket.class.getName());

    private final Field scheduler;
    private final IdleTimer timer;

    private TyrusSocket(Field scheduler, IdleTimer timer) {
        this.scheduler = scheduler;
        this.timer = timer;
    }

    /** For sessions of {@code sessionClass}; the portable behaviour if its scheduler cannot be reached. */
    static ContainerSocket of(Class<?> sessionClass, IdleTimer timer) {
        try {
            Field field = sessionClass.getDeclaredField("service");
            if (field.getType() != ScheduledExecutorService.class || java.lang.reflect.Modifier.isFinal(field.getModifiers())) {
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
        try {
            scheduler.set(session, timer);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "session " + session.getId() + " keeps the container's scheduler", e);
        }
    }
}
