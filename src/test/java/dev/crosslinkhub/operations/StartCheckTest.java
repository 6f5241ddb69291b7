package dev.crosslinkhub.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check {@code mvn -Pstart package} runs before Payara starts, run as it is there: in a JVM of
 * its own, on the hub's classes and H2 alone (the platform's APIs are the server's, not on that
 * class path), so one line and exit code 1 for each mistake, and nothing for a good start.
 */
class StartCheckTest {

    @TempDir
    Path data;

    private record Outcome(int exit, String output) {
    }

    private Outcome check(int port, String token) throws IOException, InterruptedException {
        String classes = Path.of(StartCheck.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + h2, StartCheck.class.getName(),
                String.valueOf(port), data.resolve("hub").toString(), token);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the check did not end");
        return new Outcome(process.exitValue(), output.strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aGoodStartPassesQuietlyWithAndWithoutAToken() throws Exception {
        assertEquals(new Outcome(0, ""), check(freePort(), ""));
        assertEquals(new Outcome(0, ""), check(freePort(), "a-configured-token-0123"));
    }

    @Test
    void aShortTokenIsOneLineNamingTheRule() throws Exception {
        Outcome outcome = check(freePort(), "short");
        assertEquals(1, outcome.exit(), outcome.output());
        assertEquals("crosslink-hub cannot start: hub.api-token is 5 characters; at least 16 are required (a random one: openssl rand -hex 16)",
                outcome.output());
    }

    @Test
    void aTakenPortIsOneLineWithTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = check(taken.getLocalPort(), "");
            assertEquals(1, outcome.exit(), outcome.output());
            assertEquals("crosslink-hub cannot start: port " + taken.getLocalPort() + " on 127.0.0.1 is taken (another hub?): stop it, or start on another with -Dhub.port="
                    + (taken.getLocalPort() + 1), outcome.output());
        }
    }
}
