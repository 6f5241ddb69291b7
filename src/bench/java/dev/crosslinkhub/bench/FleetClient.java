package dev.crosslinkhub.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link ClientFleet} needs of a client, whatever it checks: its socket, and the moments it
 * passed its subscribe barrier, finished its work and closed.
 */
interface FleetClient extends WebSocket.Listener {

    WebSocket socket();

    /** The handshake's result; {@link WebSocket.Listener#onOpen} normally got it first. */
    void attach(WebSocket webSocket);

    /** Completes when the hub's answer to the barrier proves the subscription is applied. */
    CompletableFuture<Void> barrierPassed();

    /** Completes when every event due is accounted for, or the connection ended. */
    CompletableFuture<Void> done();

    /** Completes when the closing handshake finished (or the connection was aborted). */
    CompletableFuture<Void> closed();

    /** Starts the closing handshake. */
    void close();

    void abort();
}
