package dev.crosslinkhub.locks;

import dev.crosslinkhub.api.ApiToken;
import dev.crosslinkhub.api.BadJsonMapper;
import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.api.JsonbSettings;
import dev.crosslinkhub.api.RequestRejected;
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

/**
 * crosslink's trigger, {@code POST /api/v1/locks/notify}: announce a lock change on the
 * {@code locks} channel; nothing is stored. The one route an agent team posts by the thousand a
 * second, so it is a servlet of its own (an exact mapping wins over the REST application's
 * {@code /api/v1/*}): through JAX-RS, the request machinery around a 60-byte body (routing,
 * providers, request listeners, entity binding) was 40 % of what a notify cost. It answers
 * exactly as the REST API does: the same token rule (401), the same JSON binding and its errors
 * (400 naming the field), crosslink's own body for an unknown action, 415, 405, {@code {"ok":true}}.
 */
@WebServlet(urlPatterns = "/api/v1/locks/notify")
public class NotifyRoute extends HttpServlet {

    private static final byte[] NOTIFIED = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    @Inject
    ApiToken token;

    @Inject
    Event<LockChanged> lockChanged;

    private final Jsonb json = JsonbSettings.restJsonb();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (!token.authorizes(authorization)) {
            new ErrorBody("unauthorized", authorization == null ? "missing Authorization: Bearer <token> header" : "invalid bearer token")
                    .writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            new ErrorBody("unsupported media type", null).writeTo(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        LockNotification body;
        try {
            String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            LockNotification parsed = text.isBlank() ? null : json.fromJson(text, LockNotification.class);
            if (parsed == null) {
                throw RequestRejected.badRequest("body a JSON body is required");
            }
            body = parsed.checked();
        } catch (JsonbException e) {
            new ErrorBody("bad request", BadJsonMapper.describe(e)).writeTo(response, HttpServletResponse.SC_BAD_REQUEST);
            return;
        } catch (RequestRejected e) {
            ((ErrorBody) e.getResponse().getEntity()).writeTo(response, e.getResponse().getStatus());
            return;
        }
        LockAction action = Arrays.stream(LockAction.values())
                .filter(candidate -> candidate.wireName().equals(body.action()))
                .findFirst()
                .orElse(null);
        if (action == null) {
            // crosslink 0.8's exact body for this case: the message in `error`, no `detail`.
            new ErrorBody("Invalid lock action '" + body.action() + "'. Must be 'claimed' or 'released'", null)
                    .writeTo(response, HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        lockChanged.fire(new LockChanged(body.issueId(), action, body.agentId()));
        response.setContentType("application/json");
        response.setContentLength(NOTIFIED.length);
        response.getOutputStream().write(NOTIFIED);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException, jakarta.servlet.ServletException {
        if (request.getMethod().equals("POST")) {
            super.service(request, response);
        } else if (!token.authorizes(request.getHeader("Authorization"))) {
            new ErrorBody("unauthorized", "invalid bearer token").writeTo(response, HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            response.setHeader("Allow", "POST");
            new ErrorBody("method not allowed", null).writeTo(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }
}
