package dev.crosslinkhub.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy (/usr/sbin/haproxy, in the foreground with -db) in front of some hubs on a free
 * loopback port, configured as deploy/haproxy.cfg configures the compose topology: WebSocket
 * upgrades passed through with a long tunnel timeout, each hub checked on {@code /health/ready}.
 * Its stats ({@code /haproxy/stats;csv}) tell which hubs it considers up.
 */
public final class Haproxy implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/haproxy";

    private final int port;
    private final Path log;
    private final Process process;

    private Haproxy(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts HAProxy in front of {@code hubs} and returns once it answers (the hubs need not be up yet). */
    public static Haproxy start(List<HubInstance> hubs, Path workDir) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install haproxy (.ci/run does)");
        }
        int port = LoopbackPorts.take();
        Path config = workDir.resolve("haproxy.cfg");
        Path log = workDir.resolve("haproxy.log");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, config(port, hubs));
            Process process = new ProcessBuilder(BINARY, "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Haproxy haproxy = new Haproxy(port, log, process);
            haproxy.awaitAnswering(Duration.ofSeconds(20));
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start HAProxy", e);
        }
    }

    static String config(int port, List<HubInstance> hubs) {
        StringBuilder servers = new StringBuilder();
        for (HubInstance hub : hubs) {
            servers.append("    server ").append(hub.name()).append(" 127.0.0.1:").append(hub.httpPort()).append(" check\n");
        }
        return """
                global
                    log stdout format raw local0

                defaults
                    mode http
                    log global
                    option httplog
                    option forwardfor
                    timeout connect 5s
                    timeout http-request 10s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    timeout client-fin 30s

                frontend hub
                    bind 127.0.0.1:%d
                    monitor-uri /haproxy/health
                    stats enable
                    stats uri /haproxy/stats
                    default_backend hubs

                backend hubs
                    balance leastconn
                    option httpchk GET /health/ready
                    http-check expect status 200
                    # which hub answered, for tests that want to see both behind the proxy
                    http-response set-header X-Hub-Server %%s
                    default-server inter 1s fall 2 rise 1
                    # a hub that refuses connections (killed) is skipped at once: the request never reached it
                    retries 3
                    option redispatch 1
                %s""".formatted(port, servers);
    }

    /** {@code http://127.0.0.1:PORT/crosslink-hub/}: the application through the proxy. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/crosslink-hub/");
    }

    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port + "/crosslink-hub/ws");
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The hubs HAProxy's health checks currently find up, by server name. */
    public List<String> serversUp() {
        String csv = get(URI.create("http://127.0.0.1:" + port + "/haproxy/stats;csv")).body();
        // # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,...
        return csv.lines().map(line -> line.split(","))
                .filter(fields -> fields.length > 17 && fields[0].equals("hubs")
                        && !fields[1].equals("BACKEND") && fields[17].startsWith("UP"))
                .map(fields -> fields[1]).toList();
    }

    private void awaitAnswering(Duration timeout) {
        URI health = URI.create("http://127.0.0.1:" + port + "/haproxy/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("HAProxy exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new AssertionError("HAProxy did not answer " + health + " within " + timeout.toSeconds() + " s; see " + log);
            }
            try {
                Thread.sleep(100); // polling interval, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGTERM (HAProxy stops at once in -db mode), then wait for it to be gone. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
