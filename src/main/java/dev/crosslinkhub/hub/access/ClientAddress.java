package dev.crosslinkhub.hub.access;

import jakarta.websocket.Session;
import java.util.List;

/**
 * The peer's address of a {@code /ws} session: the one {@link HandshakeGate} saw on the upgrade
 * request. Should a container not pass its parameter on, what the container itself tells:
 * Undertow (WildFly) may put it in the user properties, Tyrus (Payara) has
 * {@code getRemoteAddr()} on its session. Elsewhere it is {@link #UNKNOWN}, and limits per
 * address cannot apply.
 */
public final class ClientAddress {

    public static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    public static String of(Session session) {
        List<String> seen = session.getRequestParameterMap().get(HandshakeGate.CLIENT_ADDRESS);
        Object address = seen == null || seen.isEmpty() ? null : seen.get(0);
        if (address == null) {
            address = session.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
        }
        if (address == null) {
            address = session.getUserProperties().get("javax.websocket.endpoint.remoteAddress");
        }
        if (address == null) {
            try {
                address = session.getClass().getMethod("getRemoteAddr").invoke(session);
            } catch (ReflectiveOperationException | RuntimeException notTyrus) {
                return UNKNOWN;
            }
        }
        if (address == null) {
            return UNKNOWN;
        }
        String text = address.toString();
        if (text.startsWith("/")) {
            int port = text.lastIndexOf(':');
            return text.substring(1, port > 0 ? port : text.length());
        }
        return text;
    }
}
