package dev.crosslinkhub.support;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A process a test starts and stops itself (a Payara Micro, HAProxy): its output and errors go to
 * one log file, readiness is polled with {@link Await} while the process lives, and it is stopped
 * by its PID (the {@link Process} it was started as, never a name): SIGTERM, then SIGKILL if it
 * is still there after a grace period. A process that dies
 * or never gets ready fails the wait with the log's name, and is stopped.
 */
public final class ExternalProcess implements AutoCloseable {

    /** How long a process gets after SIGKILL to be gone. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Path log;
    private final Process process;

    private ExternalProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command} with its output and errors appended to nothing but {@code log} (created anew). */
    public static ExternalProcess start(String name, List<String> command, Path log) {
        try {
            Path dir = log.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ExternalProcess(name, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    /** {@code java} of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Space-separated options (pom.xml's it.*.options) as arguments; none for a blank string. */
    public static List<String> options(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    public String name() {
        return name;
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

    /** What the process has written so far. */
    public String logText() {
        try {
            // Latin-1 never fails on a half-written multi-byte character at the end of a growing file.
            return new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Polls {@code condition} every {@code poll} until it holds. Fails, and stops the process, if
     * the process exits first or {@code timeout} passes; {@code state} says what was last seen.
     */
    public void await(String what, Duration timeout, Duration poll, BooleanSupplier condition, Supplier<String> state) {
        boolean held;
        try {
            held = Await.within(timeout, Await.Pace.every(poll), () -> {
                if (condition.getAsBoolean()) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + " before it could " + what + "; see " + log);
                }
                return false;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new AssertionError("interrupted waiting for " + name + " to " + what, e);
        }
        if (!held) {
            close();
            throw new AssertionError(name + " did not " + what + " within " + timeout.toSeconds() + " s (" + state.get() + "); see " + log);
        }
    }

    /** {@link #await} until a GET of {@code uri} answers 200. */
    public void awaitAnswering(URI uri, Duration timeout, Duration poll) {
        // HTTP/1.1 only: no h2c upgrade attempts against a server that is still booting.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        String[] outcome = {"not asked yet"};
        await("answer " + uri, timeout, poll, () -> {
            try {
                outcome[0] = String.valueOf(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
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

    /** SIGKILL, as a crash: no shutdown hook runs. Returns when the process is gone (or after 30 s). */
    public void kill() {
        process.destroyForcibly();
        waitForExit(KILL_WAIT);
    }

    /** SIGTERM, as a service manager stops it; SIGKILL if it is still there after {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(grace)) {
            kill();
        }
    }

    /** {@link #stop} with a minute's grace. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(60));
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
        return name + " (pid " + pid() + ", log " + log + ")";
    }
}
