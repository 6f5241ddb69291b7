package dev.crosslinkhub.hub.upgrade;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.api.direct.GrizzlyDispatcher;
import dev.crosslinkhub.hub.access.HandshakeCheck;
import dev.crosslinkhub.hub.access.HandshakeVerdict;
import dev.crosslinkhub.hub.container.ContainerSockets;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A {@code /ws} handshake as Payara's HTTP listener hands it over, before any servlet: judged by
 * {@link HandshakeCheck} (401 or 403 as through the servlet filter), then given to the
 * application's own Tyrus engine, the one the servlet upgrade would use, with the same
 * parameters; Tyrus answers and makes the session. Accepted, the 101 is sent and the connection
 * is handed to {@link UpgradedConnection}, out of HTTP.
 */
final class GrizzlyHandshake extends HttpHandler {

    private static final Logger LOG = Logger.getLogger(GrizzlyHandshake.class.getName());
    /** As the WAR answers a path it has no servlet for. */
    private static final ErrorBody NOT_FOUND = new ErrorBody("not found", null);
    private static final ErrorBody NOT_A_HANDSHAKE = new ErrorBody("bad request", "not a WebSocket handshake Tyrus accepts");

    private final String path;
    private final WebSocketEngine engine;
    private final HandshakeCheck check;
    private final ContainerSockets containers;
    private final Executor inApplication;

    private GrizzlyHandshake(String path, WebSocketEngine engine, HandshakeCheck check, ContainerSockets containers,
            Executor inApplication) {
        super("hub " + path);
        this.path = path;
        this.engine = engine;
        this.check = check;
        this.containers = containers;
        this.inApplication = inApplication;
    }

    /**
     * Serves {@code path} on Payara's listener with the engine of {@code serverContainer}; the
     * way to give it back, or null where either is missing (the servlet upgrade then serves).
     */
    static Runnable mount(String path, Object serverContainer, HandshakeCheck check, ContainerSockets containers,
            Executor inApplication) {
        if (!(serverContainer instanceof ServerContainer tyrus) || !UpgradedConnection.canRelease()) {
            return null;
        }
        GrizzlyDispatcher dispatcher = GrizzlyDispatcher.find();
        if (dispatcher == null
                || !dispatcher.register(path, new GrizzlyHandshake(path, tyrus.getWebSocketEngine(), check, containers, inApplication))) {
            return null;
        }
        return () -> dispatcher.unregister(path);
    }

    @Override
    public void service(Request request, Response response) {
        inApplication.execute(() -> {
            try {
                answer(request, response);
            } catch (IOException | RuntimeException fault) {
                LOG.log(Level.WARNING, "the /ws handshake failed", fault);
                if (!response.isCommitted()) {
                    response.setStatus(500);
                }
            }
        });
    }

    private void answer(Request request, Response response) throws IOException {
        // Every request to the path is judged, whatever its Upgrade headers say, as by the servlet filter.
        HandshakeVerdict verdict = check.judge(HandshakeCheck.Handshake.of(request::getHeader, request.getParameter("ticket"),
                request.getRemoteAddr()));
        if (!verdict.isAdmitted()) {
            json(response, verdict.status(), verdict.errorBody());
            return;
        }
        URI uri = exactUri(request);
        if (uri == null || request.getHeader("Sec-WebSocket-Key") == null) {
            json(response, 404, NOT_FOUND);
            return;
        }
        Connection<?> connection = request.getContext().getConnection();
        String named = containers.handshake(connection, request.getRemoteAddr(), request.getRemotePort());
        RequestContext upgrade = RequestContext.Builder.create()
                .requestURI(uri)
                .queryString(request.getQueryString())
                .secure(request.isSecure())
                .parameterMap(verdict.sessionParameters(request.getParameterMap(), named))
                .remoteAddr(request.getRemoteAddr())
                .serverAddr(request.getLocalName() == null ? request.getLocalAddr() : request.getLocalName())
                .serverPort(request.getLocalPort())
                .tyrusProperties(Map.of())
                .build();
        for (String name : request.getHeaderNames()) {
            for (String value : request.getHeaders(name)) {
                upgrade.getHeaders().computeIfAbsent(name, n -> new ArrayList<>()).addAll(Utils.parseHeaderValue(value.trim()));
            }
        }
        TyrusUpgradeResponse answer = new TyrusUpgradeResponse();
        WebSocketEngine.UpgradeInfo info = engine.upgrade(upgrade, answer);
        switch (info.getStatus()) {
            case SUCCESS -> {
                response.setStatus(answer.getStatus());
                copyHeaders(answer, response);
                UpgradedConnection.takeOver(request, response, info, inApplication);
            }
            case HANDSHAKE_FAILED -> {
                containers.refused(named);
                copyHeaders(answer, response);
                json(response, answer.getStatus(), NOT_A_HANDSHAKE);
            }
            default -> {
                containers.refused(named);
                json(response, 404, NOT_FOUND);
            }
        }
    }

    /** The request's URI when its path is exactly the route's (no path parameters, no longer path), else null. */
    private URI exactUri(Request request) {
        return path.equals(request.getRequestURI()) ? URI.create(path) : null;
    }

    private static void copyHeaders(TyrusUpgradeResponse answer, Response response) {
        for (Map.Entry<String, List<String>> header : answer.getHeaders().entrySet()) {
            response.setHeader(header.getKey(), String.join(", ", header.getValue()));
        }
    }

    private static void json(Response response, int status, ErrorBody body) throws IOException {
        byte[] bytes = body.bytes();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
