package dev.crosslinkhub.hub.upgrade;

import dev.crosslinkhub.hub.access.HandshakeCheck;
import dev.crosslinkhub.hub.container.ContainerSockets;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mounts {@link GrizzlyHandshake} on Payara's HTTP listener for the context's {@code /ws} as the
 * application starts, and gives the path back to the servlets as it stops. Where Payara's
 * dispatcher or Tyrus' engine is not found (WildFly, another container), or with {@code
 * hub.ws.listener-upgrade=false}, nothing is mounted and the servlet upgrade serves.
 */
@WebListener
public class ListenerUpgrade implements ServletContextListener {

    static final String PATH = "/ws";
    private static final Logger LOG = Logger.getLogger(ListenerUpgrade.class.getName());
    private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

    @Inject
    @ConfigProperty(name = "hub.ws.listener-upgrade", defaultValue = "true")
    boolean enabled;

    /** The application's context (JNDI, class loader, security) for the listener's threads, which have none of it. */
    @Resource
    ContextService contexts;

    @Inject
    HandshakeCheck check;

    @Inject
    ContainerSockets containers;

    /** Gives the path back; null while nothing is mounted. */
    private Runnable unmount;
    private String path;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        path = event.getServletContext().getContextPath() + PATH;
        String servedBy = enabled ? mount(event.getServletContext().getAttribute(SERVER_CONTAINER)) : "the servlet upgrade (hub.ws.listener-upgrade=false)";
        LOG.info(() -> "event=route path=" + path + " served by " + servedBy);
    }

    private String mount(Object serverContainer) {
        try {
            // Nothing of Grizzly's appears here: on a server without it this class must still load.
            Class.forName("org.glassfish.grizzly.http.server.HttpHandler", false, ListenerUpgrade.class.getClassLoader());
            // Captured here, on a thread of the application's: the handshake and the reads run in it, as they would in a servlet.
            Executor inApplication = contexts.createContextualProxy((Executor) Runnable::run, Executor.class);
            unmount = GrizzlyHandshake.mount(path, serverContainer, check, containers, inApplication);
        } catch (ClassNotFoundException | LinkageError notPayara) {
            LOG.log(Level.FINE, "no Grizzly or Tyrus here", notPayara);
        }
        return unmount == null ? "the servlet upgrade" : "Payara's Grizzly listener";
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (unmount != null) {
            unmount.run();
            unmount = null;
        }
    }
}
