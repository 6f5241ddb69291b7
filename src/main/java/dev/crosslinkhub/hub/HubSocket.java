package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.container.ContainerSockets;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws}: adapts the WebSocket lifecycle to the {@link SessionRegistry}. One instance per
 * connection, made by {@link Instances}; the container delivers one connection's messages one
 * at a time.
 *
 * <p>Messages arrive in parts so that an oversized one is counted and refused, never buffered.
 */
@ServerEndpoint(value = "/ws", subprotocols = HubSocket.SUBPROTOCOL, configurator = HubSocket.Instances.class)
public class HubSocket {

    private static final Logger LOG = Logger.getLogger(HubSocket.class.getName());

    /**
     * What a browser offers beside {@code bearer.<token>}, so that the server has a protocol to
     * accept (a browser fails a handshake whose offered protocols were all declined).
     */
    static final String SUBPROTOCOL = "crosslink.v1";

    private final SessionRegistry registry;
    private final HubSettings settings;
    private final ContainerSockets containers;

    private final StringBuilder text = new StringBuilder();
    private long textLength;
    private long binaryLength;

    HubSocket(SessionRegistry registry, HubSettings settings, ContainerSockets containers) {
        this.registry = registry;
        this.settings = settings;
        this.containers = containers;
    }

    /**
     * Makes each connection's endpoint with the hub's beans, looked up once per deployment. The
     * container would otherwise have CDI make and inject every instance, which on Payara was a
     * seventh of the CPU of a client that connects, sends one frame and goes.
     */
    public static final class Instances extends ServerEndpointConfig.Configurator {

        private volatile Beans beans;

        private record Beans(SessionRegistry registry, HubSettings settings, ContainerSockets containers) {
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            if (endpointClass != HubSocket.class) {
                return super.getEndpointInstance(endpointClass);
            }
            Beans found = beans;
            if (found == null) {
                CDI<Object> cdi = CDI.current();
                found = new Beans(cdi.select(SessionRegistry.class).get(), cdi.select(HubSettings.class).get(),
                        cdi.select(ContainerSockets.class).get());
                beans = found; // client proxies: the same beans whichever thread looked them up
            }
            return endpointClass.cast(new HubSocket(found.registry(), found.settings(), found.containers()));
        }
    }

    @OnOpen
    public void open(Session session) {
        containers.adopt(session);
        registry.open(session);
    }

    @OnMessage
    public void text(Session session, String part, boolean last) {
        // A message counts once, whole: the container may hand a large one on in many parts.
        if (last ? !registry.arrived(session) : !registry.heard(session)) {
            return;
        }
        int limit = settings.inboundMaxFrameBytes();
        textLength += part.length();
        if (textLength <= limit) {
            text.append(part);
        } else {
            text.setLength(0);
        }
        if (!last) {
            return;
        }
        try {
            if (textLength > limit) {
                registry.refuse(session, "message too large: " + textLength + " characters, the limit is " + limit);
            } else {
                registry.received(session, text.toString());
            }
        } finally {
            text.setLength(0);
            textLength = 0;
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer part, boolean last) {
        if (last ? !registry.arrived(session) : !registry.heard(session)) {
            return;
        }
        binaryLength += part.remaining();
        if (last) {
            registry.refuse(session, "binary messages are not supported (" + binaryLength + " bytes); send JSON text");
            binaryLength = 0;
        }
    }

    /** The answer to the hub's keepalive ping. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        registry.arrived(session);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        registry.closed(session);
    }

    /** The container failed handling this session: it is closed (1011), never left open and forgotten. */
    @OnError
    public void error(Session session, Throwable failure) {
        if (failure instanceof IOException) {
            LOG.log(Level.FINE, "session " + session.getId() + " lost its connection", failure);
            registry.closed(session); // the peer is gone; there is nobody to tell
        } else {
            registry.failed(session, failure);
        }
    }
}
