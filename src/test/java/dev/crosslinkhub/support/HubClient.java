package dev.crosslinkhub.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real WebSocket client of {@code /ws} (the JDK's). It records every text message in order.
 * {@link #pause()} stops asking for messages, so the JDK stops reading the socket and the server
 * sees back-pressure; {@link #resume()} reads again.
 */
public final class HubClient implements WebSocket.Listener, AutoCloseable {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final List<String> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private boolean paused; // guarded by this, with requestPending
    private boolean requestPending;

    /** Connects with the test token in an {@code Authorization} header. */
    public static HubClient connect(URI uri) {
        return new HubClient(uri, Map.of("Authorization", "Bearer " + Api.TOKEN), List.of());
    }

    /** Connects as a crosslink 0.8 client does: no token, no subprotocol. */
    public static HubClient connectAnonymously(URI uri) {
        return new HubClient(uri, Map.of(), List.of());
    }

    public static HubClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
        return new HubClient(uri, headers, subprotocols);
    }

    /** The HTTP status a refused handshake got, or fails if the handshake succeeds. */
    public static int refusal(URI uri, Map<String, String> headers, List<String> subprotocols) {
        try {
            new HubClient(uri, headers, subprotocols).close();
        } catch (AssertionError refused) {
            for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.http.WebSocketHandshakeException handshake) {
                    return handshake.getResponse().statusCode();
                }
            }
            throw refused;
        }
        throw new AssertionError("the handshake to " + uri + " succeeded");
    }

    private HubClient(URI uri, Map<String, String> headers, List<String> subprotocols) {
        try {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            headers.forEach(builder::header);
            if (!subprotocols.isEmpty()) {
                builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
            }
            socket = builder.buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot connect to " + uri, e);
        }
    }

    /** The subprotocol the server accepted, or "" for none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            synchronized (messages) {
                messages.add(partial.toString());
            }
            partial.setLength(0);
        }
        boolean more;
        synchronized (this) { // with resume(): a pause never loses the request that resume owes
            requestPending = paused;
            more = !paused;
        }
        if (more) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    public HubClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public HubClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** Starts the closing handshake with 1000 and keeps the connection, so the server's answer can arrive. */
    public HubClient sendClose() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        return this;
    }

    /** An unsolicited pong, which RFC 6455 allows as a one-way heartbeat. */
    public HubClient sendPong() {
        socket.sendPong(ByteBuffer.allocate(0)).join();
        return this;
    }

    public HubClient subscribe(String... channels) {
        StringBuilder json = new StringBuilder("{\"type\":\"subscribe\",\"channels\":[");
        for (int i = 0; i < channels.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(channels[i]).append('"');
        }
        return send(json.append("]}").toString());
    }

    /**
     * Waits until the server has processed everything this client sent before: the hub answers
     * messages in order, so the {@code error} frame for a deliberately unknown type marks the spot.
     * Returns that frame.
     */
    public String barrier() {
        String marker = "barrier-" + System.nanoTime();
        send("{\"type\":\"" + marker + "\"}");
        return awaitContaining(marker);
    }

    public synchronized void pause() {
        paused = true;
    }

    public void resume() {
        boolean owed;
        synchronized (this) {
            paused = false;
            owed = requestPending;
            requestPending = false;
        }
        if (owed) {
            socket.request(1);
        }
    }

    public List<String> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    public int count() {
        synchronized (messages) {
            return messages.size();
        }
    }

    /** Waits until {@code n} messages have arrived and returns them. */
    public List<String> await(int n) {
        Await.until(n + " messages (have " + count() + ")", () -> count() >= n);
        return messages();
    }

    /** Waits until a message containing {@code fragment} arrives and returns it. */
    public String awaitContaining(String fragment) {
        return Await.value("a message containing " + fragment + " (have " + messages() + ")",
                () -> messages().stream().filter(m -> m.contains(fragment)).findFirst().orElse(null));
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The close code the server sent, once it has closed, or -1 for an abort. */
    public int closeCode() {
        return closed.join();
    }

    public static long seq(String message) {
        Matcher matcher = SEQ.matcher(message);
        if (!matcher.find()) {
            throw new AssertionError("no seq in " + message);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Drops the TCP connection without a close frame, as a crashed client would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
        socket.abort();
    }
}
