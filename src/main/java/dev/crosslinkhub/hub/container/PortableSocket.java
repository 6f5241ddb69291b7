package dev.crosslinkhub.hub.container;

import jakarta.websocket.Session;

/**
 * A container that needs nothing beyond JSR 356: its asynchronous sends complete when the bytes
 * have left (Undertow on WildFly does), so the hub's window of sends in flight per session is
 * its back-pressure. Messages go one {@code sendText} each.
 */
final class PortableSocket implements ContainerSocket {

    static final PortableSocket INSTANCE = new PortableSocket();

    @Override
    public void adopt(Session session) {
        // nothing to do
    }

    @Override
    public FrameWriter frames(Session session) {
        return null;
    }
}
