package dev.crosslinkhub.cluster;

import dev.crosslinkhub.support.ExternalProcess;
import dev.crosslinkhub.support.PayaraMicro;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hub: a Payara Micro process of the test WAR on a loopback HTTP port, a member of a
 * {@link DataGrid}, its output in its own log file ({@link ExternalProcess}). Started as
 * console.RestartedHub starts one ({@link PayaraMicro}), plus the clustering options and the JVM
 * options given (the database).
 */
public final class HubInstance implements AutoCloseable {

    /** Payara prints the grid's membership whenever it changes: "... DG Size: 2 ...". */
    private static final Pattern GRID_SIZE = Pattern.compile("DG Size: (\\d+)");
    private static final Duration POLL = Duration.ofMillis(250);

    private final int httpPort;
    private final int gridPort;
    private final ExternalProcess process;

    private HubInstance(int httpPort, int gridPort, ExternalProcess process) {
        this.httpPort = httpPort;
        this.gridPort = gridPort;
        this.process = process;
    }

    /** Launches the process and returns at once; {@link #awaitReady} waits for the hub to answer. */
    static HubInstance launch(String name, Path war, Path workDir, int httpPort, int gridPort, DataGrid grid,
                              List<String> jvmOptions) {
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        options.addAll(DataGrid.timingOptions());
        List<String> command = PayaraMicro.command(options, httpPort, war, List.of(
                "--name", name,
                // the data grid on loopback only, at a port of our choosing, every member listed
                "--clustername", grid.name(),
                "--clustermode", grid.clusterMode(),
                "--interfaces", "127.0.0.1",
                "--startport", String.valueOf(gridPort),
                // all members share one address: host-aware backups would have nowhere to go
                "--nohostaware"));
        return new HubInstance(httpPort, gridPort, ExternalProcess.start(name, command, workDir.resolve(name + ".log")));
    }

    public String name() {
        return process.name();
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
        return process.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code api/v1/health} answers 200; fails with the log's name if the process dies or time runs out. */
    public void awaitReady(Duration timeout) {
        process.awaitAnswering(baseUri().resolve("api/v1/health"), timeout, POLL);
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
        process.await("see a data grid of " + size, timeout, POLL, () -> gridSize() == size, () -> "last logged size: " + gridSize());
    }

    public String logText() {
        return process.logText();
    }

    /** SIGKILL, as a crash: no shutdown hook runs, no session is closed. Returns when the process is gone. */
    public void kill9() {
        process.kill();
    }

    /** SIGSTOP: the process stops answering anyone, its grid peers included, as in a partition or a long pause. */
    public void freeze() {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze}: it carries on where it stopped, unaware of the time that passed. */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill " + signal + " " + pid() + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, as a service manager stops it; SIGKILL if it is still there after a minute. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + ", http " + httpPort + ", grid " + gridPort + ", log " + log() + ")";
    }
}
