package dev.crosslinkhub.api.direct;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;

/**
 * Payara's way ({@link DirectRoutes}): each route is a Grizzly {@link HttpHandler} registered
 * with the server's {@code org.glassfish.api.container.RequestDispatcher}, the hk2 service Payara
 * registers its own non-web endpoints with. Its listener maps a request to the longest context
 * root that prefixes the path, so a route's path wins over the WAR's context for that path alone.
 * The dispatcher is reached by reflection (through {@code Globals}), so nothing of Payara's is
 * compiled in; where it is not found, {@link #find} answers null and the servlets serve.
 */
final class GrizzlyRoutes implements DirectRoutes {

    private static final Logger LOG = Logger.getLogger(GrizzlyRoutes.class.getName());
    private static final String GLOBALS = "org.glassfish.internal.api.Globals";
    private static final String DISPATCHER = "org.glassfish.api.container.RequestDispatcher";

    private final Object dispatcher;
    private final Method register;
    private final Method unregister;
    private final int maxBodyBytes;
    /** Mounted paths; only {@link #mount} and {@link #unmountAll} touch it, on the application's start and stop. */
    private final List<String> mounted = new ArrayList<>();

    private GrizzlyRoutes(Object dispatcher, Method register, Method unregister, int maxBodyBytes) {
        this.dispatcher = dispatcher;
        this.register = register;
        this.unregister = unregister;
        this.maxBodyBytes = maxBodyBytes;
    }

    static GrizzlyRoutes find(int maxBodyBytes) {
        try {
            ClassLoader server = HttpHandler.class.getClassLoader();
            Class<?> contract = Class.forName(DISPATCHER, true, server);
            Object dispatcher = Class.forName(GLOBALS, true, server).getMethod("get", Class.class).invoke(null, contract);
            if (dispatcher == null) {
                return null;
            }
            Method register = null;
            for (Method method : contract.getMethods()) {
                Class<?>[] types = method.getParameterTypes();
                if (method.getName().equals("registerEndpoint") && types.length == 3 && types[0] == String.class
                        && types[1] == HttpHandler.class) {
                    register = method;
                }
            }
            Method unregister = contract.getMethod("unregisterEndpoint", String.class);
            return register == null ? null : new GrizzlyRoutes(dispatcher, register, unregister, maxBodyBytes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notPayara) {
            LOG.log(Level.FINE, "no Payara request dispatcher here; the servlets serve", notPayara);
            return null;
        }
    }

    @Override
    public boolean mount(String path, DirectRoute route, ClassLoader application) {
        try {
            register.invoke(dispatcher, path, new GrizzlyRoute(path, route, application, maxBodyBytes), null);
            mounted.add(path);
            return true;
        } catch (InvocationTargetException | IllegalAccessException | RuntimeException refused) {
            LOG.log(Level.WARNING, "Payara did not take the direct route " + path + "; its servlet serves it", refused);
            return false;
        }
    }

    @Override
    public void unmountAll() {
        for (String path : mounted) {
            try {
                unregister.invoke(dispatcher, path);
            } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not unmount the direct route " + path, e);
            }
        }
        mounted.clear();
    }

    @Override
    public String describe() {
        return "Payara's Grizzly listener";
    }
}
