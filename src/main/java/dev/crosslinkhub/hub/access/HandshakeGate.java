package dev.crosslinkhub.hub.access;

import dev.crosslinkhub.api.ApiToken;
import dev.crosslinkhub.hub.container.ContainerSockets;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Decides, before the upgrade, who may open {@code /ws}: a browser page from an allowed origin,
 * carrying the API token as {@code Authorization: Bearer}, as the subprotocol
 * {@code bearer.<token>}, or a ticket ({@code ?ticket=}). A refused handshake gets 401 or 403
 * and no session exists. The token is never logged.
 *
 * <p>It also hands the peer's address to the session, as the request parameter
 * {@link #CLIENT_ADDRESS}: Jakarta WebSocket has no way to ask for it, and the session's
 * parameters are the one thing every container copies from the upgrade request.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class HandshakeGate extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeGate.class.getName());
    static final String TOKEN_PROTOCOL = "bearer.";
    /** The parameter that carries the address this filter saw; whatever a client sent under that name is replaced. */
    static final String CLIENT_ADDRESS = "crosslink-hub.client-address";
    /** The parameter that carries the generation of the token the handshake was authorised by (none: anonymous). */
    public static final String TOKEN_GENERATION = "crosslink-hub.token-generation";

    @Inject
    ApiToken token;

    @Inject
    Tickets tickets;

    @Inject
    AccessSettings settings;

    @Inject
    ContainerSockets containers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Every request to /ws is judged, whatever its Upgrade headers say: a container may read
        // them otherwise than this filter would ("websocket, h2c", two headers, odd spacing).
        String origin = request.getHeader("Origin");
        OriginPolicy origins = settings.origins();
        if (origin != null && !origins.allows(origin, request.getHeader("Host"))) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "origin " + origin + " is not allowed: " + origins.advice());
            return;
        }
        OptionalLong generation = authenticated(request);
        if (!settings.anonymousWebSocket() && generation.isEmpty()) {
            refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED,
                    "a token is required: Authorization: Bearer <token>, subprotocol bearer.<token>, or ?ticket=");
            return;
        }
        String connection = containers.handshake(request);
        String client = ClientAddress.ofRequest(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), settings.trustedProxies());
        chain.doFilter(new WithHandshakeFacts(request, client, connection, generation), response);
        if (connection != null && response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
            containers.refused(connection);
        }
    }

    /**
     * The upgrade request with {@link #CLIENT_ADDRESS} set to the peer's address and, where the
     * container has one, {@link ContainerSockets#CONNECTION} naming its connection.
     */
    private static final class WithHandshakeFacts extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        WithHandshakeFacts(HttpServletRequest request, String client, String connection, OptionalLong tokenGeneration) {
            super(request);
            Map<String, String[]> all = new LinkedHashMap<>(request.getParameterMap());
            all.put(CLIENT_ADDRESS, new String[] {client});
            all.remove(TOKEN_GENERATION);
            tokenGeneration.ifPresent(g -> all.put(TOKEN_GENERATION, new String[] {Long.toString(g)}));
            if (connection != null) {
                all.put(ContainerSockets.CONNECTION, new String[] {connection});
            } else {
                all.remove(ContainerSockets.CONNECTION);
            }
            parameters = Collections.unmodifiableMap(all);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }

    /** The generation of the token the handshake carries (itself, or a ticket standing for it), if it is good. */
    private OptionalLong authenticated(HttpServletRequest request) {
        OptionalLong byHeader = token.generationAuthorizing(request.getHeader("Authorization"));
        if (byHeader.isPresent()) {
            return byHeader;
        }
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            for (String protocol : protocols.split(",")) {
                String offered = protocol.trim();
                if (offered.startsWith(TOKEN_PROTOCOL)) {
                    OptionalLong byProtocol = token.generationOf(offered.substring(TOKEN_PROTOCOL.length()));
                    if (byProtocol.isPresent()) {
                        return byProtocol;
                    }
                }
            }
        }
        String ticket = request.getParameter("ticket");
        return ticket == null ? OptionalLong.empty() : tickets.redeem(ticket);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String why)
            throws IOException {
        LOG.info(() -> "refused /ws handshake from " + request.getRemoteAddr() + ": " + status + " " + why);
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + (status == 401 ? "unauthorized" : "forbidden") + "\",\"detail\":\""
                + why.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
