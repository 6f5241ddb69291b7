package dev.crosslinkhub.api;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * REST request bodies are at most {@code hub.http.max-body-bytes}; a larger one is a 413 in the
 * API's error shape and never reaches a resource, so it changes and announces nothing. A declared
 * {@code Content-Length} over the limit is answered before a byte of the body is read. A body of
 * unknown length (chunked) is read here, one byte past the limit at most, and handed on from
 * memory ({@link BufferedRequest}): counting inside the resource's own read would surface as a
 * JSON error of the provider, differently on each server.
 *
 * <p>A servlet filter runs before the JAX-RS servlet, so this 413 comes before the token check's
 * 401: the token is never needed to learn the limit, and no body is ever read for the check.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class BodyLimit extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(BodyLimit.class.getName());
    public static final String SETTING = "hub.http.max-body-bytes";

    /**
     * How much of a refused body the hub reads and throws away after the 413, so that a client that
     * sends its whole body before it reads (java.net.http does) reads the 413: over HTTP/2 it can
     * send no more than the server reads (flow control), and Payara leaves such a stream stuck
     * until it times out. A rest larger than this is not worth the bandwidth; the container decides
     * what becomes of it (on HTTP/1.1 both discard it or close).
     */
    static final long DISCARD_BYTES = 16L * 1024 * 1024;

    @Inject
    @ConfigProperty(name = SETTING, defaultValue = "1048576")
    int maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        int limit = Math.max(0, maxBodyBytes);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, limit, 0);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response); // the container reads no more than was declared
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit + 1L);
        if (body.length > limit) {
            refuse(request, response, limit, body.length);
            return;
        }
        // no body at all (a GET): the original stream is as empty as a replay would be
        chain.doFilter(body.length == 0 ? request : new BufferedRequest(request, body), response);
    }

    /**
     * Grows with the body, so a small chunked request costs little; stops as soon as {@code max}
     * bytes are in. For every route that reads a body itself (the direct routes, say).
     */
    public static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while (body.size() < max && (read = in.read(chunk, 0, (int) Math.min(chunk.length, max - body.size()))) != -1) {
            body.write(chunk, 0, read);
        }
        return body.toByteArray();
    }

    /** The 413's body, for every route that takes a body. */
    public static ErrorBody tooLarge(int limit) {
        return new ErrorBody("payload too large", "the request body is over " + limit + " bytes (" + SETTING + ")");
    }

    /** The answer goes out first, whole; only then is the rest of the body discarded. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, int limit, long read) throws IOException {
        LOG.info(() -> "refused " + request.getMethod() + " " + request.getRequestURI() + " from " + request.getRemoteAddr()
                + ": body over " + limit + " bytes");
        tooLarge(limit).writeTo(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.flushBuffer();
        discardRest(request, read);
    }

    private static void discardRest(HttpServletRequest request, long read) {
        if (request.getHeader("Expect") != null || request.getContentLengthLong() > DISCARD_BYTES) {
            return; // a client that awaits "100 Continue" sends no body unless the hub reads: then it never does
        }
        byte[] chunk = new byte[8192];
        try {
            InputStream in = request.getInputStream();
            for (long left = DISCARD_BYTES - read; left > 0; ) {
                int discarded = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (discarded == -1) {
                    return;
                }
                left -= discarded;
            }
        } catch (IOException stopped) {
            // the client stopped sending, or the container will take no more: the answer is out either way
        }
    }
}
