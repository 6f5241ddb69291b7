package dev.crosslinkhub.api.direct;

import dev.crosslinkhub.api.BodyLimit;
import dev.crosslinkhub.api.ErrorBody;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * One {@link DirectRoute} as Grizzly calls it: the body read (at most the body limit, a larger
 * one a 413 as {@link BodyLimit} answers it), the route asked on the application's class loader,
 * its answer written. Only its exact path is the route's: a longer one (which the listener maps
 * here too, as a context root prefixes it) is a 404 in the API's error shape, as the REST API
 * answers a path it does not have.
 */
final class GrizzlyRoute extends HttpHandler {

    private static final Logger LOG = Logger.getLogger(GrizzlyRoute.class.getName());

    private final String path;
    private final DirectRoute route;
    private final ClassLoader application;
    private final int maxBodyBytes;

    GrizzlyRoute(String path, DirectRoute route, ClassLoader application, int maxBodyBytes) {
        super("hub " + path);
        this.path = path;
        this.route = route;
        this.application = application;
        this.maxBodyBytes = Math.max(0, maxBodyBytes);
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            write(answer(request), response);
        } catch (RuntimeException fault) {
            LOG.log(Level.WARNING, "direct route " + path + " failed", fault);
            write(DirectAnswer.error(500, new ErrorBody("internal server error", null)), response);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private DirectAnswer answer(Request request) throws IOException {
        if (!path.equals(request.getRequestURI())) {
            return DirectAnswer.error(404, new ErrorBody("not found", null));
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            return DirectAnswer.error(413, BodyLimit.tooLarge(maxBodyBytes));
        }
        byte[] body = BodyLimit.readAtMost(request.getInputStream(), maxBodyBytes + 1L);
        if (body.length > maxBodyBytes) {
            return DirectAnswer.error(413, BodyLimit.tooLarge(maxBodyBytes));
        }
        return route.answer(new DirectRequest(request.getMethod().getMethodString(), request.getHeader("Authorization"),
                request.getContentType(), body));
    }

    private static void write(DirectAnswer answer, Response response) throws IOException {
        response.setStatus(answer.status());
        if (answer.allow() != null) {
            response.setHeader("Allow", answer.allow());
        }
        response.setContentType("application/json");
        response.setContentLength(answer.json().length);
        response.getOutputStream().write(answer.json());
    }
}
