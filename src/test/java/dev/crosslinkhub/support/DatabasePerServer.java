package dev.crosslinkhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before Arquillian starts a test class's Payara Micro, removes the H2 file the previous class's
 * server used (pom.xml's it.db.options), so every class's server starts on an empty database of
 * its own. One file for the whole suite let one bad stop fail every later class: a server stopped
 * while H2's shutdown hook closed the file and the connection pool opened it again, and each
 * later server found it unreadable ("Double mark"), failed to deploy, and its tests saw only
 * 404s. The stop itself is the hub's (README.md, "Storage"); here it must not take other tests
 * with it. Nothing is removed on WildFly, whose one server serves every class, nor where the
 * database is not an H2 file (PostgreSQL). Register it before {@code ArquillianExtension}.
 */
public final class DatabasePerServer implements BeforeAllCallback {

    private static final Pattern H2_FILE = Pattern.compile("-Dhub\\.db\\.url=jdbc:h2:file:([^;\\s]+)");

    @Override
    public void beforeAll(ExtensionContext context) {
        if (DeployedHub.onWildFly()) {
            return;
        }
        Matcher file = H2_FILE.matcher(System.getProperty("it.db.options", ""));
        if (!file.find()) {
            return;
        }
        Path database = Path.of(file.group(1));
        // Unlinking a file the previous server may still hold for a moment is safe on Linux: it
        // keeps writing the old inode, and H2 locks the new file, not the path.
        for (String suffix : List.of(".mv.db", ".trace.db")) {
            try {
                Files.deleteIfExists(Path.of(database + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot give this class's server a database of its own", e);
            }
        }
    }
}
