package dev.crosslinkhub.locks;

import dev.crosslinkhub.api.ApiToken;
import dev.crosslinkhub.api.BadJsonMapper;
import dev.crosslinkhub.api.BodyLimit;
import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.api.JsonbSettings;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.api.direct.DirectAnswer;
import dev.crosslinkhub.api.direct.DirectRequest;
import dev.crosslinkhub.api.direct.DirectRoutes;
import dev.crosslinkhub.events.LockAction;
import dev.crosslinkhub.events.LockChanged;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * crosslink's trigger, {@code POST /api/v1/locks/notify}: announce a lock change on the
 * {@code locks} channel; nothing is stored. The one route an agent team posts by the thousand a
 * second, so it is a servlet of its own (an exact mapping wins over the REST application's
 * {@code /api/v1/*}): through JAX-RS, the request machinery around a 60-byte body (routing,
 * providers, request listeners, entity binding) was 40 % of what a notify cost. Where the server
 * allows, it is also mounted as a {@link DirectRoutes direct route} at start-up, outside the web
 * container (on Payara: Grizzly calls it), and this servlet serves only where it could not be
 * ({@code hub.http.direct-routes}). Either way it answers exactly as the REST API does: the same
 * token rule (401), the same JSON binding and its errors (400 naming the field), crosslink's own
 * body for an unknown action, 415, 405, 413 over the body limit, {@code {"ok":true}}.
 */
@WebServlet(urlPatterns = NotifyRoute.PATH, loadOnStartup = 1)
public class NotifyRoute extends HttpServlet {

    static final String PATH = "/api/v1/locks/notify";
    private static final Logger LOG = Logger.getLogger(NotifyRoute.class.getName());
    private static final byte[] NOTIFIED = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    @Inject
    ApiToken token;

    @Inject
    Event<LockChanged> lockChanged;

    @Inject
    @ConfigProperty(name = "hub.http.direct-routes", defaultValue = "true")
    boolean directRoutes;

    @Inject
    @ConfigProperty(name = BodyLimit.SETTING, defaultValue = "1048576")
    int maxBodyBytes;

    private final Jsonb json = JsonbSettings.restJsonb();
    private DirectRoutes mounted = DirectRoutes.none();

    @Override
    public void init() {
        DirectRoutes routes = DirectRoutes.find(directRoutes, maxBodyBytes);
        String path = getServletContext().getContextPath() + PATH;
        if (routes.mount(path, this::answer, Thread.currentThread().getContextClassLoader())) {
            mounted = routes;
        }
        LOG.info(() -> "event=route path=" + path + " served by " + mounted.describe());
    }

    @Override
    public void destroy() {
        mounted.unmountAll();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getMethod().equals("POST") ? request.getInputStream().readAllBytes() : new byte[0];
        answer(new DirectRequest(request.getMethod(), request.getHeader("Authorization"), request.getContentType(), body))
                .writeTo(response);
    }

    /** The answer to one request, whoever carried it here; the event is fired before it is given. */
    DirectAnswer answer(DirectRequest request) {
        String authorization = request.authorization();
        if (!request.method().equals("POST")) {
            if (!token.authorizes(authorization)) {
                return DirectAnswer.error(HttpServletResponse.SC_UNAUTHORIZED, new ErrorBody("unauthorized", "invalid bearer token"));
            }
            return new DirectAnswer(HttpServletResponse.SC_METHOD_NOT_ALLOWED, new ErrorBody("method not allowed", null).bytes(), "POST");
        }
        if (!token.authorizes(authorization)) {
            return DirectAnswer.error(HttpServletResponse.SC_UNAUTHORIZED, new ErrorBody("unauthorized",
                    authorization == null ? "missing Authorization: Bearer <token> header" : "invalid bearer token"));
        }
        String type = request.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return DirectAnswer.error(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, new ErrorBody("unsupported media type", null));
        }
        LockNotification body;
        try {
            String text = new String(request.body(), StandardCharsets.UTF_8);
            LockNotification parsed = text.isBlank() ? null : json.fromJson(text, LockNotification.class);
            if (parsed == null) {
                throw RequestRejected.badRequest("body a JSON body is required");
            }
            body = parsed.checked();
        } catch (JsonbException e) {
            return DirectAnswer.error(HttpServletResponse.SC_BAD_REQUEST, new ErrorBody("bad request", BadJsonMapper.describe(e)));
        } catch (RequestRejected e) {
            return DirectAnswer.error(e.getResponse().getStatus(), (ErrorBody) e.getResponse().getEntity());
        }
        LockAction action = Arrays.stream(LockAction.values())
                .filter(candidate -> candidate.wireName().equals(body.action()))
                .findFirst()
                .orElse(null);
        if (action == null) {
            // crosslink 0.8's exact body for this case: the message in `error`, no `detail`.
            return DirectAnswer.error(HttpServletResponse.SC_BAD_REQUEST,
                    new ErrorBody("Invalid lock action '" + body.action() + "'. Must be 'claimed' or 'released'", null));
        }
        lockChanged.fire(new LockChanged(body.issueId(), action, body.agentId()));
        return DirectAnswer.json(HttpServletResponse.SC_OK, NOTIFIED);
    }
}
