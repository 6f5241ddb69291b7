package dev.crosslinkhub.console;

import dev.crosslinkhub.support.ExternalProcess;
import dev.crosslinkhub.support.HubDeployment;
import dev.crosslinkhub.support.PayaraMicro;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * The hub started again, by hand, on the port and context root the console already points at,
 * with the same token and database as the Arquillian deployment it replaces (arquillian.xml's
 * options), so that a page left open sees a real restart of its server.
 */
final class RestartedHub implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(240);
    /** A booting server is asked four times a second, not hammered. */
    private static final Duration POLL = Duration.ofMillis(250);

    private final ExternalProcess process;

    /** Starts the hub and returns once it answers its health check. */
    static RestartedHub start(int port, Path workDir) {
        return new RestartedHub(port, workDir);
    }

    private RestartedHub(int port, Path workDir) {
        // The same archive Arquillian deploys; its file name gives the context root.
        Path war = workDir.resolve("crosslink-hub.war");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HubDeployment.withTestApp().as(ZipExporter.class).exportTo(war.toFile(), true);
        // The same JVM options as the server Arquillian starts (pom.xml: it.hub.options, it.db.options).
        List<String> command = PayaraMicro.command(ExternalProcess.options(System.getProperty("it.db.options", "")),
                port, war, List.of("--nocluster"));
        process = ExternalProcess.start("the restarted hub", command, workDir.resolve("restarted-hub.log"));
        process.awaitAnswering(URI.create("http://127.0.0.1:" + port + "/crosslink-hub/api/v1/health"), STARTUP, POLL);
    }

    /** SIGTERM, as a service manager stops it; then wait for the process to be gone. */
    @Override
    public void close() {
        process.close();
    }
}
