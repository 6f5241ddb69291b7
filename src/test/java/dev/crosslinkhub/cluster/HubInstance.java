package dev.crosslinkhub.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hub: a Payara Micro process of the test WAR on a loopback HTTP port, a member of a
 * {@link DataGrid}, its output in its own log file. Started as console.RestartedHub starts one
 * (MICRO_JAR from failsafe, the pre-boot command file, pom.xml's it.hub.options), plus the
 * clustering options and the JVM options given (the database).
 */
public final class HubInstance implements AutoCloseable {

    /** Payara prints the grid's membership whenever it changes: "... DG Size: 2 ...". */
    private static final Pattern GRID_SIZE = Pattern.compile("DG Size: (\\d+)");
    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final int httpPort;
    private final int gridPort;
    private final Path log;
    private final Process process;

    private HubInstance(String name, int httpPort, int gridPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.gridPort = gridPort;
        this.log = log;
        this.process = process;
    }

    /** Launches the process and returns at once; {@link #awaitReady} waits for the hub to answer. */
    static HubInstance launch(String name, Path war, Path workDir, int httpPort, int gridPort, DataGrid grid,
                              List<String> jvmOptions) {
        String microJar = System.getenv("MICRO_JAR");
        if (microJar == null || !new File(microJar).isFile()) {
            throw new IllegalStateException("MICRO_JAR (set by failsafe) does not name Payara Micro: " + microJar);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(split(System.getProperty("it.hub.options", "")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", microJar,
                "--name", name,
                "--port", String.valueOf(httpPort),
                "--prebootcommandfile", "src/main/payara/pre-boot-commands.asadmin",
                "--deploy", war.toAbsolutePath().toString(),
                // the data grid on loopback only, at a port of our choosing, every member listed
                "--clustername", grid.name(),
                "--clustermode", grid.clusterMode(),
                "--interfaces", "127.0.0.1",
                "--startport", String.valueOf(gridPort),
                // all members share one address: host-aware backups would have nowhere to go
                "--nohostaware"));
        Path log = workDir.resolve(name + ".log");
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new HubInstance(name, httpPort, gridPort, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Payara Micro for " + name, e);
        }
    }

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT/crosslink-hub/}, the application's root (the WAR's name is its context root). */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/crosslink-hub/");
    }

    /** {@code http://127.0.0.1:PORT/}, where Payara serves MicroProfile Health ({@code health/ready}). */
    public URI serverRoot() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + httpPort + "/crosslink-hub/ws");
    }

    public int httpPort() {
        return httpPort;
    }

    public int gridPort() {
        return gridPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code api/v1/health} answers 200; fails with the log's name if the process dies or time runs out. */
    public void awaitReady(Duration timeout) {
        URI health = baseUri().resolve("api/v1/health");
        // HTTP/1.1 only: no h2c upgrade attempts against a server that is still booting.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        String[] outcome = {"not asked yet"};
        awaitLive("answer " + health, timeout, () -> {
            try {
                outcome[0] = String.valueOf(http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException notYet) {
                outcome[0] = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return outcome[0].equals("200");
        }, () -> "last: " + outcome[0]);
    }

    /** The data grid's size as this instance last logged it, or 0 before it has logged any. */
    public int gridSize() {
        Matcher matcher = GRID_SIZE.matcher(logText());
        int size = 0;
        while (matcher.find()) {
            size = Integer.parseInt(matcher.group(1));
        }
        return size;
    }

    /** Waits until this instance has logged a data grid of {@code size} members. */
    public void awaitGridSize(int size, Duration timeout) {
        awaitLive("see a data grid of " + size, timeout, () -> gridSize() == size, () -> "last logged size: " + gridSize());
    }

    public String logText() {
        try {
            // Latin-1 never fails on a half-written multi-byte character at the end of a growing file.
            return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitLive(String what, Duration timeout, BooleanSupplier condition,
                           Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it could " + what + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not " + what + " within " + timeout.toSeconds() + " s (" + state.get() + "); see " + log);
            }
            try {
                Thread.sleep(POLL.toMillis()); // polling interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** SIGKILL, as a crash: no shutdown hook runs, no session is closed. Returns when the process is gone. */
    public void kill9() {
        ProcessHandle handle = ProcessHandle.of(pid()).orElse(null);
        if (handle != null) {
            handle.destroyForcibly();
        }
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as a service manager stops it; SIGKILL if it is still there after a minute. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(60))) {
            kill9();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", http " + httpPort + ", grid " + gridPort + ", log " + log + ")";
    }
}
