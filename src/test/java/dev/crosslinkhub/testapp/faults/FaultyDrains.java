package dev.crosslinkhub.testapp.faults;

import dev.crosslinkhub.hub.container.ContainerSockets;
import dev.crosslinkhub.hub.container.FrameWriter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.websocket.Session;
import java.util.List;

/**
 * The test-only hook for faults in the drain: a session opened with {@code ?drain-fault=error}
 * gets a frame writer that fails its first write with an {@link AssertionError} (a bug in the
 * hub's own sending), and one opened with {@code ?drain-fault=exception} one that throws an
 * {@link IllegalStateException} (a send the container refuses). Other sessions are served as
 * ever. Deployed only with the tests that ask for it ({@link #PACKAGE}), never in the WAR.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class FaultyDrains extends ContainerSockets {

    /** The query parameter of {@code /ws} that asks for a fault. */
    public static final String PARAMETER = "drain-fault";
    public static final Package PACKAGE = FaultyDrains.class.getPackage();

    @Override
    public FrameWriter frames(Session session) {
        List<String> asked = session.getRequestParameterMap().get(PARAMETER);
        String fault = asked == null || asked.isEmpty() ? "" : asked.get(0);
        return switch (fault) {
            case "error" -> frames -> {
                throw new AssertionError("a fault injected into the drain (test)");
            };
            case "exception" -> frames -> {
                throw new IllegalStateException("a send the container refused (test)");
            };
            default -> super.frames(session);
        };
    }
}
