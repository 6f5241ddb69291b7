package dev.crosslinkhub.support;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The REST API of a deployed hub, over HTTP, with or without the test token. */
public final class Api {

    public static final String TOKEN = "test-token-0123456789";

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    public Api(URL deployment) {
        // The server listens on loopback only; Arquillian reports the machine's address.
        String url = deployment.toExternalForm().replaceFirst("//[^/:]+", "//127.0.0.1");
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = TOKEN;
    }

    private Api(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same hub, asked with another token (after a rotation, say). */
    public Api withToken(String other) {
        return new Api(base, other);
    }

    /** Rotates the hub's token to {@code next} with this one; returns the hub asked with the new one. */
    public Api rotateTo(String next) {
        HttpResponse<String> rotated = post("api/v1/auth/rotate", "{\"token\":\"" + next + "\"}");
        if (rotated.statusCode() != 200) {
            throw new AssertionError("rotation refused: " + rotated.statusCode() + " " + rotated.body());
        }
        return withToken(next);
    }

    public URI webSocketUri() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "ws");
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postWithoutToken(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
    }

    /** A counter or gauge from {@code /api/v1/metrics} (without labels). */
    public long metric(String name) {
        String text = get("api/v1/metrics").body();
        Long value = metricIn(text, name);
        if (value == null) {
            throw new AssertionError("no metric " + name + " in\n" + text);
        }
        return value;
    }

    /** A counter or gauge without labels in Prometheus text, or null if {@code text} has none of that name. */
    public static Long metricIn(String text, String name) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name) + " (\\d+)$")
                .matcher(text);
        return value.find() ? Long.parseLong(value.group(1)) : null;
    }

    /** The server root (Payara's own /health and /openapi live there, outside the application). */
    public URI serverRoot() {
        return base.resolve("/");
    }

    /** Creates an issue and returns its id. */
    public long createIssue(String title) {
        HttpResponse<String> created = post("api/v1/issues", "{\"title\":\"" + title + "\"}");
        if (created.statusCode() != 200) {
            throw new AssertionError("cannot create an issue: " + created.statusCode() + " " + created.body());
        }
        return Long.parseLong(created.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    /** How many /ws sessions the server holds (the bench memory route, enabled in tests). */
    public int openSessions() {
        return (int) benchMemory("sessions");
    }

    /** The server's process id, to stop it the hard way. */
    public long serverPid() {
        return benchMemory("pid");
    }

    private long benchMemory(String field) {
        String body = get("api/v1/bench/memory").body();
        return Long.parseLong(body.replaceAll(".*\"" + field + "\":(\\d+).*", "$1"));
    }
}
