package dev.crosslinkhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * A scenario's WebSocket clients, opened in batches on the one shared HttpClient; over a cluster's
 * instances, client {@code i} connects to instance {@code i % instances}.
 */
final class ClientFleet<C extends ListeningClient> {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

    final List<C> clients = new ArrayList<>();
    /** Why handshakes failed, by message, with their count. */
    final Map<String, Integer> connectFailures = new LinkedHashMap<>();
    long openMillis;

    /** Opens {@code count} clients, {@code batch} handshakes at a time; those that fail are counted, not kept. */
    static <C extends ListeningClient> ClientFleet<C> open(HttpClient http, URI uri, String token, int count, int batch,
                                                       IntFunction<C> factory) throws InterruptedException {
        return open(http, List.of(uri), token, count, batch, factory);
    }

    /** {@link #open(HttpClient, URI, String, int, int, IntFunction)} spread round-robin over several instances. */
    static <C extends ListeningClient> ClientFleet<C> open(HttpClient http, List<URI> uris, String token, int count, int batch,
                                                       IntFunction<C> factory) throws InterruptedException {
        ClientFleet<C> fleet = new ClientFleet<>();
        long start = System.nanoTime();
        for (int from = 0; from < count; from += batch) {
            int to = Math.min(count, from + batch);
            List<C> pending = new ArrayList<>();
            List<CompletableFuture<WebSocket>> handshakes = new ArrayList<>();
            for (int i = from; i < to; i++) {
                C client = factory.apply(i);
                pending.add(client);
                handshakes.add(http.newWebSocketBuilder()
                        .connectTimeout(HANDSHAKE_TIMEOUT)
                        .header("Authorization", "Bearer " + token) // /ws wants the token unless hub.ws.allow-anonymous
                        .buildAsync(uris.get(i % uris.size()), client)
                        .toCompletableFuture());
            }
            try {
                CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new))
                        .get(HANDSHAKE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // looked at one by one below
            }
            for (int i = 0; i < pending.size(); i++) {
                CompletableFuture<WebSocket> handshake = handshakes.get(i);
                if (handshake.isDone() && !handshake.isCompletedExceptionally()) {
                    pending.get(i).attach(handshake.join());
                    fleet.clients.add(pending.get(i));
                } else {
                    handshake.cancel(true);
                    fleet.countFailure(handshake);
                }
            }
        }
        fleet.openMillis = (System.nanoTime() - start) / 1_000_000;
        return fleet;
    }

    private void countFailure(CompletableFuture<WebSocket> handshake) {
        String why;
        if (!handshake.isDone() || handshake.isCancelled()) {
            why = "handshake timed out";
        } else {
            try {
                handshake.join();
                why = "unknown";
            } catch (CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                while (cause.getCause() != null && cause.getMessage() == null) {
                    cause = cause.getCause();
                }
                why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        connectFailures.merge(why, 1, Integer::sum);
    }

    int failedToOpen() {
        return connectFailures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Subscribes every client to {@code channel}, then sends a message the hub refuses: its
     * {@code error} frame proves the subscription was applied (one connection's messages are
     * handled in order). Returns the clients that did not get it in time.
     */
    int subscribe(String channel, Duration timeout) throws InterruptedException {
        return subscribe(List.of(channel), timeout);
    }

    /** {@link #subscribe(String, Duration)} to several channels at once (one subscribe replaces the filter). */
    int subscribe(List<String> channels, Duration timeout) throws InterruptedException {
        String subscribe = "{\"type\":\"subscribe\",\"channels\":[\"" + String.join("\",\"", channels) + "\"]}";
        for (C client : clients) {
            WebSocket socket = client.socket();
            socket.sendText(subscribe, true).thenCompose(ws -> ws.sendText(ListeningClient.BARRIER, true));
        }
        return awaitAll(clients.stream().map(ListeningClient::barrierPassed).toList(), timeout);
    }

    /** Waits until every client is done (or the timeout passes); returns how many are not. */
    int awaitDone(Duration timeout) throws InterruptedException {
        return awaitAll(clients.stream().map(ListeningClient::done).toList(), timeout);
    }

    /**
     * Closes every client (close handshake, {@code batch} at a time), aborting those whose
     * handshake did not finish in time. Returns the number aborted.
     */
    int closeAll(int batch, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int from = 0; from < clients.size(); from += batch) {
            List<C> slice = clients.subList(from, Math.min(clients.size(), from + batch));
            slice.forEach(ListeningClient::close);
            long left = Math.max(1, deadline - System.nanoTime());
            awaitAll(slice.stream().map(ListeningClient::closed).toList(), Duration.ofNanos(left));
        }
        int aborted = 0;
        for (C client : clients) {
            if (!client.closed().isDone()) {
                client.abort();
                aborted++;
            }
        }
        return aborted;
    }

    private static int awaitAll(List<CompletableFuture<Void>> futures, Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // counted below
        }
        return (int) futures.stream().filter(future -> !future.isDone()).count();
    }
}
