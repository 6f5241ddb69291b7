package dev.crosslinkhub.hub.access;

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
import java.util.Map;

/**
 * The servlet way into {@code /ws}: every request to it is judged by {@link HandshakeCheck}
 * before the container's upgrade. A refused handshake gets 401 or 403 and no session exists; an
 * admitted one carries the {@link HandshakeVerdict}'s facts to the session as request parameters.
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class HandshakeGate extends HttpFilter {

    @Inject
    HandshakeCheck check;

    @Inject
    ContainerSockets containers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Every request to /ws is judged, whatever its Upgrade headers say: a container may read
        // them otherwise than this filter would ("websocket, h2c", two headers, odd spacing).
        HandshakeVerdict verdict = check.judge(HandshakeCheck.Handshake.of(request::getHeader, request.getParameter("ticket"),
                request.getRemoteAddr()));
        if (!verdict.isAdmitted()) {
            verdict.errorBody().writeTo(response, verdict.status());
            return;
        }
        String connection = containers.handshake(request);
        chain.doFilter(new WithHandshakeFacts(request, verdict.sessionParameters(request.getParameterMap(), connection)), response);
        if (connection != null && response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
            containers.refused(connection);
        }
    }

    /** The upgrade request with the verdict's facts among its parameters. */
    private static final class WithHandshakeFacts extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        WithHandshakeFacts(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = parameters;
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
}
