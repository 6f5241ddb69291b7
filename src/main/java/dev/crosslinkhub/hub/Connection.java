package dev.crosslinkhub.hub;

import jakarta.websocket.Session;

/** One open {@code /ws} session as the hub keeps it: its outbound stream and what is counted per client. */
record Connection(Session session, String address, Outbox outbox, Keepalive keepalive, Allowance subscribes,
        Allowance frames) {

    String id() {
        return session.getId();
    }
}
