package dev.crosslinkhub.hub;

import jakarta.websocket.Session;

/** One open {@code /ws} session as the hub keeps it: its outbound stream and what is counted per client. */
record Connection(Session session, String address, Outbox outbox, Keepalive keepalive, Allowance subscribes,
        Allowance frames, long tokenGeneration) {

    /** A session opened without a token ({@code hub.ws.allow-anonymous}): a rotation does not concern it. */
    static final long ANONYMOUS = -1;

    String id() {
        return session.getId();
    }
}
