package dev.crosslinkhub.api.direct;

import java.util.ArrayList;
import java.util.List;

/**
 * Payara's way ({@link DirectRoutes}): each route is a Grizzly handler ({@link GrizzlyRoute})
 * registered with Payara's {@link GrizzlyDispatcher}; where there is none, {@link #find} answers
 * null and the servlets serve.
 */
final class GrizzlyRoutes implements DirectRoutes {

    private final GrizzlyDispatcher dispatcher;
    private final int maxBodyBytes;
    /** Mounted paths; only {@link #mount} and {@link #unmountAll} touch it, on the application's start and stop. */
    private final List<String> mounted = new ArrayList<>();

    private GrizzlyRoutes(GrizzlyDispatcher dispatcher, int maxBodyBytes) {
        this.dispatcher = dispatcher;
        this.maxBodyBytes = maxBodyBytes;
    }

    static GrizzlyRoutes find(int maxBodyBytes) {
        GrizzlyDispatcher dispatcher = GrizzlyDispatcher.find();
        return dispatcher == null ? null : new GrizzlyRoutes(dispatcher, maxBodyBytes);
    }

    @Override
    public boolean mount(String path, DirectRoute route, ClassLoader application) {
        if (!dispatcher.register(path, new GrizzlyRoute(path, route, application, maxBodyBytes))) {
            return false;
        }
        mounted.add(path);
        return true;
    }

    @Override
    public void unmountAll() {
        mounted.forEach(dispatcher::unregister);
        mounted.clear();
    }

    @Override
    public String describe() {
        return "Payara's Grizzly listener";
    }
}
