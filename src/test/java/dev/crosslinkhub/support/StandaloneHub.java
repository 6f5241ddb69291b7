package dev.crosslinkhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hub of its own for a test that needs what the shared Arquillian server cannot give: a
 * database nobody has used (an H2 file in the test's folder) and settings of its own. A Payara
 * Micro process of the build's WAR at {@code /} on a free loopback port, with pom.xml's
 * it.hub.options (the test token), its output in {@code hub.log} beside the database.
 */
public final class StandaloneHub implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(240);
    /** A booting server is asked four times a second, not hammered. */
    private static final Duration POLL = Duration.ofMillis(250);

    private final ExternalProcess process;
    private final URI base;

    /** Starts it on a fresh database in {@code workDir}, with {@code settings} (e.g. {@code -Dhub.x=y}) added, and waits until it answers. */
    public static StandaloneHub start(Path workDir, List<String> settings) {
        return new StandaloneHub(workDir, settings);
    }

    private StandaloneHub(Path workDir, List<String> settings) {
        Path war = Path.of(System.getProperty("hub.war", "target/crosslink-hub.war"));
        int port = freeLoopbackPort();
        List<String> options = new ArrayList<>();
        options.add("-Dhub.db.url=jdbc:h2:file:" + workDir.toAbsolutePath().resolve("hub") + ";WRITE_DELAY=0");
        options.addAll(settings);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = PayaraMicro.command(options, port, war, List.of("--nocluster", "--contextroot", "/"));
        process = ExternalProcess.start("a standalone hub", command, workDir.resolve("hub.log"));
        base = URI.create("http://127.0.0.1:" + port + "/");
        process.awaitAnswering(base.resolve("api/v1/health"), STARTUP, POLL);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** The REST API of this hub, with the test token. */
    public Api api() {
        try {
            return new Api(base.toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the hub has written to its log so far. */
    public String log() {
        return process.logText();
    }

    /** SIGKILL, as a crash would: no shutdown hook runs; waits until the process is gone. */
    public void kill() {
        ProcessHandle server = ProcessHandle.of(process.pid()).orElseThrow();
        server.destroyForcibly();
        server.onExit().join();
    }

    /** SIGTERM, as a service manager stops it; then wait for the process to be gone. */
    @Override
    public void close() {
        process.close();
    }
}
