package dev.crosslinkhub.cluster;

import dev.crosslinkhub.support.ExternalProcess;
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

/**
 * Debian's HAProxy (/usr/sbin/haproxy, in the foreground with -db) in front of some hubs on a free
 * loopback port, configured as deploy/haproxy.cfg configures the compose topology: WebSocket
 * upgrades passed through with a long tunnel timeout, each hub checked on {@code /health/ready}.
 * Its stats ({@code /haproxy/stats;csv}) tell which hubs it considers up. Run as an
 * {@link ExternalProcess}.
 */
public final class Haproxy implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/haproxy";

    /** HAProxy stops at once on SIGTERM in -db mode: it gets little time before SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final int port;
    private final ExternalProcess process;

    private Haproxy(int port, ExternalProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts HAProxy in front of {@code hubs} and returns once it answers (the hubs need not be up yet). */
    public static Haproxy start(List<HubInstance> hubs, Path workDir) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install haproxy (.ci/run does)");
        }
        int port = LoopbackPorts.take();
        Path config = workDir.resolve("haproxy.cfg");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, config(port, hubs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        ExternalProcess process = ExternalProcess.start("HAProxy", List.of(BINARY, "-db", "-f", config.toString()),
                workDir.resolve("haproxy.log"));
        process.awaitAnswering(URI.create("http://127.0.0.1:" + port + "/haproxy/health"), Duration.ofSeconds(20),
                Duration.ofMillis(100));
        return new Haproxy(port, process);
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
        return process.log();
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
        process.stop(GRACE);
    }
}
