package dev.crosslinkhub.dashboard;

import dev.crosslinkhub.api.ErrorBody;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
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
 * Answers a path of crosslink's built dashboard ({@code hub.dashboard-dir}): the file, with its
 * content type and the dashboard's security headers, or a JSON 404 saying why. Used at
 * {@code /crosslink/} ({@link DashboardServlet}) and at the root of the dashboard's own host name
 * ({@link DashboardHost}).
 */
@ApplicationScoped
public class DashboardPages {

    private static final Logger LOG = Logger.getLogger(DashboardPages.class.getName());

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

    private DashboardFiles files;

    @PostConstruct
    void open() {
        dashboardDir.filter(dir -> !dir.isBlank()).ifPresent(dir -> {
            try {
                files = new DashboardFiles(Path.of(dir));
                LOG.info(() -> "crosslink's dashboard is served from " + dir);
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "hub.dashboard-dir=" + dir + " is not a folder the hub can read (" + e + "); the dashboard answers 404");
            }
        });
    }

    /** Whether there is a dashboard to serve. */
    public boolean present() {
        return files != null;
    }

    /** Answers {@code path} ("/" for the dashboard's root), with the body unless {@code withBody} is false (HEAD). */
    void serve(String path, ServletContext context, HttpServletResponse response, boolean withBody) throws IOException {
        Optional<Path> file = files == null ? Optional.empty() : files.resolve(path);
        if (file.isEmpty()) {
            String detail = files == null
                    ? "no crosslink dashboard here: start the hub with -Dhub.dashboard-dir=<its built dist/ folder>"
                    : "no such file in the crosslink dashboard: " + path;
            new ErrorBody("not found", detail).writeTo(response, HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Path found = file.get();
        String name = found.getFileName().toString();
        response.setContentType(typeOf(name, context));
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

    private static String typeOf(String name, ServletContext context) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.getOrDefault(extension, context.getMimeType(name));
        if (type == null) {
            return "application/octet-stream";
        }
        return type.startsWith("text/") || type.endsWith("json") || type.equals("image/svg+xml") ? type + ";charset=UTF-8" : type;
    }
}
