package dev.crosslinkhub.hub.access;

import jakarta.websocket.Session;
import java.util.List;
import java.util.Set;

/**
 * The peer's address of a {@code /ws} session: the one {@link HandshakeGate} saw on the upgrade
 * request (behind a trusted proxy, the client's it forwarded: {@code hub.trusted-proxies}). Should a container not pass its parameter on, what the container itself tells:
 * Undertow (WildFly) may put it in the user properties, Tyrus (Payara) has
 * {@code getRemoteAddr()} on its session. Elsewhere it is {@link #UNKNOWN}, and limits per
 * address cannot apply.
 */
public final class ClientAddress {

    public static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    /**
     * The client's address as a handshake shows it: the peer's, unless the peer is one of the
     * {@code trusted} proxies, in which case the nearest address in {@code X-Forwarded-For} that is
     * not itself a trusted proxy (each proxy appends the address it saw). A client that is no
     * trusted proxy cannot choose its address by sending the header.
     */
    static String ofRequest(String peer, String forwardedFor, Set<String> trusted) {
        if (forwardedFor == null || !trusted.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    public static String of(Session session) {
        List<String> seen = session.getRequestParameterMap().get(HandshakeVerdict.CLIENT_ADDRESS);
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
