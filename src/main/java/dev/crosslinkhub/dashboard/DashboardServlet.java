package dev.crosslinkhub.dashboard;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /crosslink/*}: crosslink's built dashboard from {@code hub.dashboard-dir} (its
 * {@code dist/}), or a 404 saying how to get it. A servlet of its own rather than the WAR's
 * default one: the folder lives outside the WAR, and deep links need the fallback to {@code index.html}.
 */
@WebServlet(urlPatterns = {"/crosslink", "/crosslink/*"})
public class DashboardServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(DashboardServlet.class.getName());

    /**
     * What a Vite build of crosslink's dashboard needs and no more: its own scripts, its styles
     * (libraries add style elements at run time), the hub's API and /ws on the same origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Types a server's own table may lack or give differently; the rest come from it. */
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript", "mjs", "text/javascript", "css", "text/css", "html", "text/html",
            "svg", "image/svg+xml", "json", "application/json", "map", "application/json",
            "woff2", "font/woff2", "webmanifest", "application/manifest+json", "wasm", "application/wasm");

    @Inject
    @ConfigProperty(name = "hub.dashboard-dir")
    Optional<String> dashboardDir;

    private volatile DashboardFiles files;

    @Override
    public void init() {
        dashboardDir.filter(dir -> !dir.isBlank()).ifPresent(dir -> {
            try {
                files = new DashboardFiles(Path.of(dir));
                LOG.info(() -> "crosslink's dashboard is served at /crosslink/ from " + dir);
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "hub.dashboard-dir=" + dir + " is not a folder the hub can read (" + e + "); /crosslink/ answers 404");
            }
        });
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        if (request.getPathInfo() == null) {
            response.sendRedirect(request.getContextPath() + "/crosslink/");
            return;
        }
        DashboardFiles dashboard = files;
        Optional<Path> file = dashboard == null ? Optional.empty() : dashboard.resolve(request.getPathInfo());
        if (file.isEmpty()) {
            String detail = dashboard == null
                    ? "no crosslink dashboard here: start the hub with -Dhub.dashboard-dir=<its built dist/ folder>"
                    : "no such file in the crosslink dashboard: " + request.getPathInfo();
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json;charset=UTF-8");
            // crosslink's error shape, as the REST API answers it
            response.getWriter().write(Json.createObjectBuilder().add("detail", detail).add("error", "not found").build().toString());
            return;
        }
        Path found = file.get();
        String name = found.getFileName().toString();
        response.setContentType(typeOf(name));
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // The page must be fetched again after a rebuild; Vite's hashed assets may be kept.
        response.setHeader("Cache-Control", name.equals(DashboardFiles.INDEX) ? "no-cache" : "public, max-age=3600");
        response.setContentLengthLong(Files.size(found));
        if (withBody) {
            Files.copy(found, response.getOutputStream());
        }
    }

    private String typeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.getOrDefault(extension, getServletContext().getMimeType(name));
        if (type == null) {
            return "application/octet-stream";
        }
        return type.startsWith("text/") || type.endsWith("json") || type.equals("image/svg+xml") ? type + ";charset=UTF-8" : type;
    }
}
