package dev.crosslinkhub.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * REST bodies over {@code hub.http.max-body-bytes} (1 MiB by default) are a 413 in crosslink's
 * error shape, whether their length is declared, unknown (chunked) or declared huge and never
 * sent, and nothing is stored or announced; a body at the limit is served as before.
 */
class BodyLimitIT extends DeployedHub {

    private static final int LIMIT = 1024 * 1024;
    private static final String REFUSED =
            "{\"detail\":\"the request body is over 1048576 bytes (hub.http.max-body-bytes)\",\"error\":\"payload too large\"}";

    /** A length the client declares and has no intention of sending. */
    private static final long SIXTY_MB = 60L * 1024 * 1024;

    private static final Function<byte[], BodyPublisher> DECLARED = BodyPublishers::ofByteArray;
    /** No length known up front: java.net.http sends it chunked over HTTP/1.1. */
    private static final Function<byte[], BodyPublisher> CHUNKED = body -> BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

    @Test
    void aDeclaredBodyOverTheLimitIs413AndNothingIsStoredOrAnnounced() {
        assertRefusedAndNothingChanges(DECLARED);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndNothingIsStoredOrAnnounced() {
        assertRefusedAndNothingChanges(CHUNKED);
    }

    /**
     * java.net.http sends the whole body before it reads the answer; over HTTP/2 (its default,
     * upgraded from HTTP/1.1 where the server offers it) it can send only what the server reads.
     */
    @Test
    void aClientThatSendsItsWholeBodyFirstStillReadsThe413() {
        Api api = api();
        String title = "sent-whole-" + UUID.randomUUID();
        byte[] body = newIssue(title, 8 * LIMIT);
        assertEquals(200, api.get("api/v1/health").statusCode(), "a first request, to upgrade the connection where the server offers HTTP/2");
        for (HttpClient.Version version : HttpClient.Version.values()) {
            assertRefused(post(api, "api/v1/issues", body, DECLARED, version));
            assertRefused(post(api, "api/v1/issues", body, CHUNKED, version));
        }
        assertNoIssueTitled(api, title);
    }

    /**
     * More such clients than Payara has request threads (four, pre-boot-commands.asadmin), each
     * still owing its 60 MB: every one is answered, and so is the next request.
     */
    @Test
    void aHugeDeclaredLengthIsAnsweredAtOnceAndHoldsNoRequestThread() throws IOException {
        Api api = api();
        String title = "never-sent-" + UUID.randomUUID();
        URI issues = api.request("api/v1/issues").build().uri();
        List<Socket> owing = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket socket = new Socket(issues.getHost(), issues.getPort());
                owing.add(socket);
                // a deadline only: a server that waits for the 60 MB fails the test here instead of hanging it
                socket.setSoTimeout((int) Await.DEFAULT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + issues.getRawPath() + " HTTP/1.1\r\n"
                        + "Host: " + issues.getAuthority() + "\r\n"
                        + "Authorization: Bearer " + Api.TOKEN + "\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Content-Length: " + SIXTY_MB + "\r\n"
                        + "\r\n"
                        + "{\"title\":\"" + title + "\"").getBytes(US_ASCII));
                out.flush();

                RawResponse response = RawResponse.read(socket.getInputStream());
                assertEquals(413, response.status(), response.head());
                assertTrue(response.header("Content-Type").startsWith("application/json"), response.head());
                assertEquals(REFUSED, response.body());
            }
            HttpResponse<String> health = api.send(api.request("api/v1/health").timeout(Await.DEFAULT).GET());
            assertEquals(200, health.statusCode(), "the hub serves on while those clients owe their bodies");
        } finally {
            for (Socket socket : owing) {
                socket.close();
            }
        }
        assertNoIssueTitled(api, title);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeTheTokenIsAsked() {
        Api api = api();
        HttpResponse<String> tooBig = api.send(HttpRequest.newBuilder(api.request("api/v1/issues").build().uri())
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "application/json")
                .POST(DECLARED.apply(newIssue("no-token", LIMIT + 1))));
        assertRefused(tooBig);
        HttpResponse<String> small = api.postWithoutToken("api/v1/issues", "{\"title\":\"no-token\"}");
        assertEquals(401, small.statusCode(), small.body());
    }

    @Test
    void aBodyAtTheLimitIsServedWhetherDeclaredOrChunked() {
        Api api = api();
        long issue = api.createIssue("long comments");
        String path = "api/v1/issues/" + issue + "/comments";
        byte[] declared = comment('d', LIMIT);
        byte[] chunked = comment('c', LIMIT);
        byte[] streamed = comment('s', LIMIT);

        assertServed(post(api, path, declared, DECLARED));
        assertServed(post(api, path, chunked, CHUNKED));
        // over HTTP/2 where the server offers it: a body of no declared length, in DATA frames rather than chunks
        assertServed(post(api, path, streamed, CHUNKED, HttpClient.Version.HTTP_2));

        String comments = api.get(path).body();
        assertTrue(comments.endsWith("\"total\":3}"), comments.substring(Math.max(0, comments.length() - 200)));
        // the bodies read ahead reached the resource whole, byte for byte
        for (byte[] body : new byte[][] {declared, chunked, streamed}) {
            String content = new String(body, UTF_8).replaceAll("^\\{|\\}$", "");
            assertTrue(comments.contains(content), "whole: " + content.substring(0, 20) + "…");
        }
    }

    private static void assertServed(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.version() + " " + response.body().substring(0, Math.min(200, response.body().length())));
    }

    /**
     * One byte over the limit, to four routes whose field checks would accept the body: had it
     * reached them, an issue, a comment and a lock would exist and be announced, and a notify
     * announced (on Payara it is served outside the web container, so it checks the limit itself).
     */
    private void assertRefusedAndNothingChanges(Function<byte[], BodyPublisher> publisher) {
        Api api = api();
        long issue = api.createIssue("target of refused bodies");
        String title = "refused-" + UUID.randomUUID();
        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("issues", "locks").barrier();
            assertRefused(post(api, "api/v1/issues", newIssue(title, LIMIT + 1), publisher));
            assertRefused(post(api, "api/v1/issues/" + issue + "/comments", comment('x', LIMIT + 1), publisher));
            assertRefused(post(api, "api/v1/locks/" + issue + "/claim", claim("intruder", LIMIT + 1), publisher));
            assertRefused(post(api, "api/v1/locks/notify",
                    padded("{\"issue_id\":" + issue + ",\"action\":\"claimed\",\"agent_id\":\"intruder\"", LIMIT + 1), publisher));

            client.barrier();
            assertEquals(2, client.count(), "nothing was announced: " + client.messages());
        }
        assertNoIssueTitled(api, title);
        assertEquals("{\"items\":[],\"total\":0}", api.get("api/v1/issues/" + issue + "/comments").body());
        String locks = api.get("api/v1/locks").body();
        assertFalse(locks.contains("\"issue_id\":" + issue + ",") || locks.contains("intruder"), locks);
    }

    private static HttpResponse<String> post(Api api, String path, byte[] body, Function<byte[], BodyPublisher> publisher) {
        return post(api, path, body, publisher, HttpClient.Version.HTTP_1_1);
    }

    /** With a deadline: a body the server stops reading must fail the test, not hang it. */
    private static HttpResponse<String> post(Api api, String path, byte[] body, Function<byte[], BodyPublisher> publisher,
            HttpClient.Version version) {
        return api.send(api.request(path).version(version).timeout(Await.DEFAULT).header("Content-Type", "application/json")
                .POST(publisher.apply(body)));
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertEquals(413, response.statusCode(), response.version() + " " + response.body());
        assertEquals(REFUSED, response.body(), response.version().toString());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
    }

    private static void assertNoIssueTitled(Api api, String title) {
        String found = api.get("api/v1/issues?search=" + title).body();
        assertEquals("{\"items\":[],\"total\":0}", found);
    }

    /** {@code {"title":…}}, padded with JSON whitespace to exactly {@code size} bytes. */
    private static byte[] newIssue(String title, int size) {
        return padded("{\"title\":\"" + title + "\"", size);
    }

    private static byte[] claim(String agent, int size) {
        return padded("{\"agent_id\":\"" + agent + "\"", size);
    }

    /** {@code {"content":"…"}} of exactly {@code size} bytes: its content is under the comment route's own 1 MiB. */
    private static byte[] comment(char letter, int size) {
        String open = "{\"content\":\"";
        String close = "\"}";
        return (open + String.valueOf(letter).repeat(size - open.length() - close.length()) + close).getBytes(UTF_8);
    }

    private static byte[] padded(String unclosed, int size) {
        return (unclosed + " ".repeat(size - unclosed.length() - 1) + "}").getBytes(UTF_8);
    }

    /** An HTTP/1.1 response read off a raw socket: the head, then as many body bytes as it declares. */
    private record RawResponse(String head, String body) {

        private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

        static RawResponse read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(US_ASCII).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next == -1) {
                    throw new AssertionError("the connection closed before the response head ended: " + head.toString(US_ASCII));
                }
                head.write(next);
            }
            RawResponse headOnly = new RawResponse(head.toString(US_ASCII), "");
            byte[] body = in.readNBytes(Integer.parseInt(headOnly.header("Content-Length")));
            return new RawResponse(headOnly.head(), new String(body, UTF_8));
        }

        int status() {
            Matcher status = STATUS.matcher(head);
            assertTrue(status.find(), head);
            return Integer.parseInt(status.group(1));
        }

        String header(String name) {
            Matcher value = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*([^\\r\\n]*)").matcher(head);
            assertTrue(value.find(), "no " + name + " in " + head);
            return value.group(1);
        }
    }
}
