package dev.crosslinkhub.mcp;

import dev.crosslinkhub.api.ApiToken;
import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.hub.Allowance;
import dev.crosslinkhub.hub.access.AccessSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides who may use {@code /mcp}, before the MCP SDK sees the request: the REST API's bearer
 * token (401 without it), a browser page only from an origin {@code /ws} allows (403), at most
 * {@code hub.mcp.max-sessions} sessions per token (a new one beyond that: 429) and
 * {@code hub.mcp.max-requests-per-second} requests per session (429). Errors are JSON bodies, as
 * on the REST API.
 */
@ApplicationScoped
public class McpGate extends HttpFilter {

    /** The header Streamable HTTP names a session by. */
    static final String SESSION = "Mcp-Session-Id";
    /** The request attribute that carries the generation of the token the request was let in with. */
    static final String TOKEN_GENERATION = "crosslink-hub.mcp.token-generation";

    @Inject
    ApiToken token;

    @Inject
    AccessSettings access;

    @Inject
    McpSessions sessions;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> refusal = access.refusesOrigin(request.getHeader("Origin"), request.getHeader("Host"));
        if (refusal.isPresent()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", refusal.get());
            return;
        }
        String authorization = request.getHeader("Authorization");
        OptionalLong generation = token.generationAuthorizing(authorization);
        if (generation.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                    authorization == null ? "missing Authorization: Bearer <token> header" : "invalid bearer token");
            return;
        }
        String session = request.getHeader(SESSION);
        long now = System.nanoTime();
        if (session == null) {
            if (!sessions.roomForOneMore(generation.getAsLong(), now)) {
                refuse(response, 429, "too many sessions",
                        "this token already holds hub.mcp.max-sessions MCP sessions; end one (DELETE /mcp) or wait for one to expire");
                return;
            }
        } else {
            Allowance allowance = sessions.touch(session, generation.getAsLong(), now);
            if (!allowance.allow(now)) {
                response.setHeader("Retry-After", "1");
                refuse(response, 429, "too many requests",
                        "more than " + allowance.perSecond() + " requests in a second on this session (hub.mcp.max-requests-per-second)");
                return;
            }
        }
        request.setAttribute(TOKEN_GENERATION, generation.getAsLong());
        chain.doFilter(request, response); // McpServlet: the SDK's answer comes on an MCP thread, and it notes opened and ended sessions
    }

    private static void refuse(HttpServletResponse response, int status, String error, String detail) throws IOException {
        new ErrorBody(error, detail).writeTo(response, status);
    }
}
