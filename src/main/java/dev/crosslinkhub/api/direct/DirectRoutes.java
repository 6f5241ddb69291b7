package dev.crosslinkhub.api.direct;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves a route outside the web container where the server lets the application do so. A route
 * an agent team calls a thousand times a second pays, as a servlet on Payara, about three times
 * its own cost in the container's per-request machinery (Catalina's valves, the invocation
 * context, request listeners and tracing, every filter mapped to it); registered with Payara's
 * HTTP listener, it is called straight from Grizzly's HTTP parser ({@code GrizzlyRoutes}).
 * Where that cannot be done ({@link #none()}: WildFly, or {@code hub.http.direct-routes=false})
 * the route's servlet serves it, with the same answers.
 */
public interface DirectRoutes {

    /**
     * Serves {@code path} (from the server's root: the context path and the route's own) with
     * {@code route}, on threads whose context class loader is {@code application}; false where
     * this server cannot, and the servlet keeps serving it.
     */
    boolean mount(String path, DirectRoute route, ClassLoader application);

    /** Stops serving every path mounted; the servlets take them back. */
    void unmountAll();

    /** A short description for the start-up log. */
    String describe();

    /** Payara's Grizzly listener when this server has one and {@code enabled}; else {@link #none()}. */
    static DirectRoutes find(boolean enabled, int maxBodyBytes) {
        if (!enabled) {
            return none();
        }
        try {
            Class.forName("org.glassfish.grizzly.http.server.HttpHandler", false, DirectRoutes.class.getClassLoader());
            DirectRoutes grizzly = GrizzlyRoutes.find(maxBodyBytes);
            return grizzly == null ? none() : grizzly;
        } catch (ClassNotFoundException | LinkageError notGrizzly) {
            Logger.getLogger(DirectRoutes.class.getName()).log(Level.FINE, "no Grizzly HTTP server here", notGrizzly);
            return none();
        }
    }

    /** The portable way: nothing is mounted, every route's servlet serves it. */
    static DirectRoutes none() {
        return new DirectRoutes() {
            @Override
            public boolean mount(String path, DirectRoute route, ClassLoader application) {
                return false;
            }

            @Override
            public void unmountAll() {
            }

            @Override
            public String describe() {
                return "servlets";
            }
        };
    }
}
