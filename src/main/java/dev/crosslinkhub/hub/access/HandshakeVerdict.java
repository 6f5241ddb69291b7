package dev.crosslinkhub.hub.access;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.hub.container.ContainerSockets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What {@link HandshakeCheck} decided: a refusal (401 or 403, and why), or the facts an admitted
 * session carries as request parameters, the one thing every container copies from the upgrade
 * request to the session: the peer's address ({@link #CLIENT_ADDRESS}; Jakarta WebSocket has no
 * way to ask for it), the generation of the token that authorised it, and the connection's name
 * in {@link ContainerSockets}. Whatever a client sent under those names is replaced.
 */
public record HandshakeVerdict(int status, String why, String clientAddress, OptionalLong tokenGeneration) {

    /** The parameter that carries the peer's address the check saw. */
    public static final String CLIENT_ADDRESS = "crosslink-hub.client-address";
    /** The parameter that carries the generation of the token the handshake was authorised by (none: anonymous). */
    public static final String TOKEN_GENERATION = "crosslink-hub.token-generation";

    static HandshakeVerdict refused(int status, String why) {
        return new HandshakeVerdict(status, why, null, OptionalLong.empty());
    }

    static HandshakeVerdict admitted(String clientAddress, OptionalLong tokenGeneration) {
        return new HandshakeVerdict(0, null, clientAddress, tokenGeneration);
    }

    public boolean isAdmitted() {
        return status == 0;
    }

    /** The refusal's body, in the API's error shape. */
    public ErrorBody errorBody() {
        return new ErrorBody(status == 401 ? "unauthorized" : "forbidden", why);
    }

    /** The session's parameters: the request's own, with the facts above set; {@code connection} may be null. */
    public Map<String, String[]> sessionParameters(Map<String, String[]> requested, String connection) {
        Map<String, String[]> all = new LinkedHashMap<>(requested);
        all.put(CLIENT_ADDRESS, new String[] {clientAddress});
        all.remove(TOKEN_GENERATION);
        tokenGeneration.ifPresent(g -> all.put(TOKEN_GENERATION, new String[] {Long.toString(g)}));
        if (connection != null) {
            all.put(ContainerSockets.CONNECTION, new String[] {connection});
        } else {
            all.remove(ContainerSockets.CONNECTION);
        }
        return Collections.unmodifiableMap(all);
    }
}
