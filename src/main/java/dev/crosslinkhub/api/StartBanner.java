package dev.crosslinkhub.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the operator reads once the hub is up: the console (with the token the way it accepts it),
 * REST, WebSocket, the token, the data file and where the server's log went. Written as plain
 * lines to the process's own standard output: the server turns {@code System.out} into log
 * records, and with {@code mvn -Pstart package} those go to a file ({@code hub.log-file}), so
 * these lines are the last ones on the terminal. The log gets the same lines.
 */
@ApplicationScoped
public class StartBanner {

    private static final Logger LOG = Logger.getLogger(StartBanner.class.getName());

    @Inject
    ApiToken token;

    @Inject
    @ConfigProperty(name = "hub.public-url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "hub.db.url", defaultValue = "jdbc:h2:file:~/.crosslink-hub/hub;WRITE_DELAY=0")
    String databaseUrl;

    @Inject
    @ConfigProperty(name = "hub.log-file")
    Optional<String> logFile;

    @Inject
    @ConfigProperty(name = "hub.dashboard-dir")
    Optional<String> dashboardDir;

    @Inject
    @ConfigProperty(name = "hub.dashboard-host", defaultValue = "dashboard.localhost")
    String dashboardHost;

    void print(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<String> lines = lines();
        LOG.info(() -> String.join(System.lineSeparator(), lines));
        if (publicUrl.isPresent()) { // a hub started by hand (mvn -Pstart package), not one under a test or a container
            @SuppressWarnings("resource") // the process's standard output stays open
            PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            terminal.println();
            lines.forEach(terminal::println);
            terminal.println();
        }
    }

    List<String> lines() {
        String base = publicUrl.orElse("http://<host>:<port>");
        Optional<String> generated = token.generated();
        String withToken = generated.map(t -> "?token=" + t).orElse("");
        List<String> lines = new ArrayList<>();
        lines.add("crosslink-hub is up");
        lines.add("  Console:   " + base + "/" + withToken + (generated.isPresent() ? "" : "  (paste hub.api-token)"));
        dashboardDir.filter(dir -> !dir.isBlank()).ifPresent(dir -> lines.add("  Dashboard: " + dashboardRoot(base) + withToken
                + "  (crosslink's own, from " + dir + ")"));
        lines.add("  REST:      " + base + "/api/v1");
        lines.add("  WebSocket: " + base.replaceFirst("^http", "ws") + "/ws");
        lines.add("  Token:     " + generated.map(t -> t + "  (generated; set hub.api-token to fix it)").orElse("<hub.api-token>"));
        lines.add("  Data:      " + dataFile());
        logFile.filter(file -> !file.isBlank()).ifPresent(file -> lines.add("  Log:       " + file + "  (-Dhub.verbose=true shows it here)"));
        return lines;
    }

    /** The root of the dashboard's own host name on the hub's port: where crosslink's dashboard, built unchanged, works. */
    private String dashboardRoot(String base) {
        try {
            URI hub = URI.create(base);
            if (hub.getHost() != null) {
                return hub.getScheme() + "://" + dashboardHost + (hub.getPort() < 0 ? "" : ":" + hub.getPort()) + "/";
            }
        } catch (IllegalArgumentException notAUrl) {
            // the placeholder below
        }
        return "http://" + dashboardHost + ":<port>/";
    }

    /** The H2 file behind the default URL, or the URL itself for any other database. */
    private String dataFile() {
        String url = databaseUrl.trim();
        if (url.startsWith("jdbc:h2:file:")) {
            String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
            return path.replaceFirst("^~", System.getProperty("user.home")) + ".mv.db";
        }
        return url.replaceFirst("(?i)password=[^;&]*", "password=…");
    }
}
