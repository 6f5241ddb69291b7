package dev.crosslinkhub.dashboard;

import jakarta.inject.Inject;
import dev.crosslinkhub.api.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * crosslink's dashboard at the root of a host name of its own ({@code hub.dashboard-host},
 * {@code dashboard.localhost} by default): a request whose {@code Host} names it gets the
 * dashboard for every path but the hub's own ({@code /api}, {@code /ws}, health, metrics,
 * OpenAPI), which stay the hub's. crosslink v0.8.0's dashboard is written for the root of its
 * origin (absolute routes and links, {@code /api/v1} and {@code /ws} on the same host), so this is
 * where it works built unchanged. Names under {@code .localhost} reach loopback in every current
 * browser without a DNS entry.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class DashboardHost extends HttpFilter {

    /** Paths that are the hub's on every host name, the dashboard's among them. */
    static final List<String> HUB_PATHS = List.of("/api", "/ws", "/health", "/metrics", "/openapi");

    @Inject
    DashboardPages pages;

    @Inject
    @ConfigProperty(name = "hub.dashboard-host", defaultValue = "dashboard.localhost")
    String dashboardHost;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = pathOf(request);
        if (!pages.present() || !dashboardHost.equalsIgnoreCase(hostName(request.getHeader("Host"))) || hubPath(path)) {
            chain.doFilter(request, response);
            return;
        }
        switch (request.getMethod()) {
            case "GET" -> pages.serve(path, request.getServletContext(), response, true);
            case "HEAD" -> pages.serve(path, request.getServletContext(), response, false);
            default -> {
                response.setHeader("Allow", "GET, HEAD");
                new ErrorBody("method not allowed", "the dashboard's pages are read with GET; the hub's API is under /api/v1")
                        .writeTo(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
        }
    }

    /** The path inside the WAR, "/" for its root. */
    private static String pathOf(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    static boolean hubPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return HUB_PATHS.stream().anyMatch(prefix -> lower.equals(prefix) || lower.startsWith(prefix + "/") || lower.startsWith(prefix + ";"));
    }

    /** The name in a Host header, without its port: {@code dashboard.localhost:3100} is {@code dashboard.localhost}. */
    static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String name = host.trim();
        if (name.startsWith("[")) {
            return name; // an IPv6 literal is never the dashboard's name
        }
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
