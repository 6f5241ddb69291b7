package dev.crosslinkhub.hub.container;

import jakarta.websocket.Session;

/**
 * A session's container, where JSR 356 says nothing: its send path and how much it still holds
 * for a client. {@link ContainerSockets} picks the implementation for the sessions it sees.
 */
public interface ContainerSocket {

    /** Called once as a session opens, before anything is sent on it. */
    void adopt(Session session);

    /** How the hub may write frames of its own to the session, or null: one {@code sendText} per message. */
    FrameWriter frames(Session session);
}
