package dev.crosslinkhub.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a server process on this machine holds on its heap, asked with the JDK's {@code jcmd}: the
 * live instances of one class after a full collection (its class histogram). For behaviour no
 * metric shows, such as a container keeping the objects of connections that closed.
 */
public final class ServerHeap {

    private static final long JCMD_SECONDS = 60;

    private final long pid;

    public ServerHeap(long pid) {
        this.pid = pid;
    }

    /** Live instances of {@code className} (its binary name) now: collects the heap first. */
    public long liveInstances(String className) {
        String histogram = histogram();
        for (String line : histogram.split("\n")) {
            // "  12:     100043     14406192  org.glassfish.grizzly.nio.transport.TCPNIOConnection"
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(className)) {
                return Long.parseLong(columns[1]);
            }
        }
        if (!histogram.contains("num") || !histogram.contains("#instances")) {
            throw new AssertionError("jcmd gave no class histogram of process " + pid + ": " + histogram);
        }
        return 0;
    }

    private String histogram() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path output = null;
        try {
            // To a file, not a pipe: reading a pipe to its end would wait as long as jcmd does, past the deadline.
            output = Files.createTempFile("class-histogram", ".txt");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(JCMD_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("jcmd " + pid + " GC.class_histogram did not end in " + JCMD_SECONDS + " s");
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + jcmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted asking process " + pid + " for its heap", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
