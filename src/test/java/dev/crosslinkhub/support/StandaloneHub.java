package dev.crosslinkhub.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.MalformedURLException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hub of its own for a test that needs what the shared Arquillian server cannot give: a
 * database nobody has used (an H2 file in the test's folder) and settings of its own. A Payara
 * Micro process of the build's WAR on a free loopback port, with pom.xml's it.hub.options (the
 * test token), its output in {@code hub.log} beside the database.
 */
public final class StandaloneHub implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final Process process;
    private final URI base;
    private final Path log;

    /** Starts it on a fresh database in {@code workDir}, with {@code settings} (e.g. {@code -Dhub.x=y}) added, and waits until it answers. */
    public static StandaloneHub start(Path workDir, List<String> settings) {
        StandaloneHub hub = new StandaloneHub(workDir, settings);
        hub.awaitHealthy();
        return hub;
    }

    private StandaloneHub(Path workDir, List<String> settings) {
        String microJar = System.getenv("MICRO_JAR");
        if (microJar == null || !new File(microJar).isFile()) {
            throw new IllegalStateException("MICRO_JAR (set by failsafe) does not name Payara Micro: " + microJar);
        }
        File war = new File(System.getProperty("hub.war", "target/crosslink-hub.war"));
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String options = System.getProperty("it.hub.options", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.add("-Dhub.db.url=jdbc:h2:file:" + workDir.toAbsolutePath().resolve("hub") + ";WRITE_DELAY=0");
        command.addAll(settings);
        command.addAll(List.of("-jar", microJar, "--nocluster", "--port", String.valueOf(port),
                "--prebootcommandfile", "src/main/payara/pre-boot-commands.asadmin",
                "--deploy", war.getAbsolutePath(), "--contextroot", "/"));
        log = workDir.resolve("hub.log");
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Payara Micro", e);
        }
        base = URI.create("http://127.0.0.1:" + port + "/");
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    private void awaitHealthy() {
        URI health = base.resolve("api/v1/health");
        // HTTP/1.1 only: no h2c upgrade attempts against a server that is still booting.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        Await.until(health + " answering 200 (see " + log + ")", STARTUP, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        });
    }

    /** The REST API of this hub, with the test token. */
    public Api api() {
        try {
            return new Api(base.toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as a service manager stops it; then wait for the process to be gone. */
    @Override
    public void close() {
        ServerProcess.stop(process);
    }
}
