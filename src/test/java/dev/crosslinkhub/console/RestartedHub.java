package dev.crosslinkhub.console;

import dev.crosslinkhub.support.HubDeployment;
import dev.crosslinkhub.support.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * The hub started again, by hand, on the port and context root the console already points at,
 * with the same token and database as the Arquillian deployment it replaces (arquillian.xml's
 * options), so that a page left open sees a real restart of its server.
 */
final class RestartedHub implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final Process process;

    static RestartedHub start(int port, Path workDir) {
        return new RestartedHub(port, workDir);
    }

    private RestartedHub(int port, Path workDir) {
        String microJar = System.getenv("MICRO_JAR");
        if (microJar == null || !new File(microJar).isFile()) {
            throw new IllegalStateException("MICRO_JAR (set by failsafe) does not name Payara Micro: " + microJar);
        }
        try {
            Files.createDirectories(workDir);
            // The same archive Arquillian deploys; its file name gives the context root.
            File war = workDir.resolve("crosslink-hub.war").toFile();
            HubDeployment.withTestApp().as(ZipExporter.class).exportTo(war, true);

            // The same JVM options as the server Arquillian starts (pom.xml: it.hub.options, it.db.options).
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            for (String options : List.of(System.getProperty("it.hub.options", ""), System.getProperty("it.db.options", ""))) {
                if (!options.isBlank()) {
                    command.addAll(Arrays.asList(options.trim().split("\\s+")));
                }
            }
            command.addAll(List.of("-jar", microJar, "--nocluster", "--port", String.valueOf(port),
                    "--prebootcommandfile", "src/main/payara/pre-boot-commands.asadmin",
                    "--deploy", war.getAbsolutePath()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("restarted-hub.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Payara Micro", e);
        }
        URI health = URI.create("http://127.0.0.1:" + port + "/crosslink-hub/api/v1/health");
        // HTTP/1.1 only: no h2c upgrade attempts against a server that is still booting.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String outcome = "not asked yet";
        while (!outcome.equals("200")) {
            if (!process.isAlive()) {
                throw new AssertionError("the restarted hub exited with " + process.exitValue() + "; see " + workDir.resolve("restarted-hub.log"));
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new AssertionError("the restarted hub never answered " + health + " within " + STARTUP.toSeconds()
                        + " s (last: " + outcome + "); see " + workDir.resolve("restarted-hub.log"));
            }
            try {
                outcome = String.valueOf(http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException notYet) {
                outcome = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (!outcome.equals("200")) {
                pollingInterval();
            }
        }
    }

    private static void pollingInterval() {
        try {
            Thread.sleep(250); // a booting server is asked four times a second, not hammered; the loop's condition decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as a service manager stops it; then wait for the process to be gone. */
    @Override
    public void close() {
        ServerProcess.stop(process);
    }
}
