package dev.crosslinkhub.hub;

import jakarta.websocket.CloseReason;

/** The close codes the hub uses; README.md documents them. */
final class CloseCodes {

    /** The server is shutting down or the application is undeployed. */
    static CloseReason goingAway() {
        return new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
    }

    /** A slow consumer: its send stalled, or its queue overflowed again and again. Reconnect and re-read state. */
    static CloseReason slowConsumer(String why) {
        return new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, truncate(why));
    }

    /** The client's address already has {@code hub.ws.max-connections-per-address} sessions open. */
    static CloseReason tooManyConnections(int limit) {
        return new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many connections from this address (limit " + limit + ")");
    }

    /** The client sent more than {@code hub.ws.max-frames-per-second} frames in a second. */
    static CloseReason flood(int perSecond) {
        return new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many messages: more than " + perSecond + " a second");
    }

    /** The API token the session was opened with was rotated away; reconnect with the new one. */
    static CloseReason tokenRotated() {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "token rotated: reconnect with the new token");
    }

    /** The client stopped answering the hub's pings (usually it is gone and never sees this). */
    static CloseReason noPong() {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(4008), "no pong: keepalive timeout");
    }

    /** The hub failed while serving the session; reconnect (and resume). */
    static CloseReason internalError() {
        return new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error: reconnect");
    }

    // A close reason must fit a control frame: 123 bytes.
    private static String truncate(String why) {
        return why.length() <= 120 ? why : why.substring(0, 120);
    }

    private CloseCodes() {
    }
}
