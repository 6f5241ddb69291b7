package dev.crosslinkhub.api.direct;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;

/**
 * Payara's {@code org.glassfish.api.container.RequestDispatcher}, the hk2 service Payara registers
 * its own non-web endpoints with: a Grizzly {@link HttpHandler} registered for a path is called
 * by Payara's HTTP listener, which maps a request to the longest context root that prefixes its
 * path, so that path wins over the WAR's context for that path alone. Reached by reflection
 * (through {@code Globals}), so nothing of Payara's is compiled in.
 */
public final class GrizzlyDispatcher {

    private static final Logger LOG = Logger.getLogger(GrizzlyDispatcher.class.getName());
    private static final String GLOBALS = "org.glassfish.internal.api.Globals";
    private static final String DISPATCHER = "org.glassfish.api.container.RequestDispatcher";

    private final Object dispatcher;
    private final Method register;
    private final Method unregister;

    private GrizzlyDispatcher(Object dispatcher, Method register, Method unregister) {
        this.dispatcher = dispatcher;
        this.register = register;
        this.unregister = unregister;
    }

    /** Payara's dispatcher, or null where this server has none (or Grizzly is not visible). */
    public static GrizzlyDispatcher find() {
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
            return register == null ? null : new GrizzlyDispatcher(dispatcher, register, unregister);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notPayara) {
            LOG.log(Level.FINE, "no Payara request dispatcher here", notPayara);
            return null;
        }
    }

    /** Serves {@code path} (from the server's root) with {@code handler}; false, and logged, where Payara refused. */
    public boolean register(String path, HttpHandler handler) {
        try {
            register.invoke(dispatcher, path, handler, null);
            return true;
        } catch (InvocationTargetException | IllegalAccessException | RuntimeException refused) {
            LOG.log(Level.WARNING, "Payara did not take the route " + path + "; the servlet container serves it", refused);
            return false;
        }
    }

    /** Gives {@code path} back to the web container. */
    public void unregister(String path) {
        try {
            unregister.invoke(dispatcher, path);
        } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not unmount the route " + path, e);
        }
    }
}
