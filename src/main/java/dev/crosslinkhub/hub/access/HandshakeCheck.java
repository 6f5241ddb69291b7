package dev.crosslinkhub.hub.access;

import dev.crosslinkhub.api.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Decides who may open {@code /ws}, whichever way the handshake reaches the hub (the servlet
 * filter {@link HandshakeGate}, or Payara's HTTP listener, {@code hub.upgrade}): a browser page
 * from an allowed origin, carrying the API token as {@code Authorization: Bearer}, as the
 * subprotocol {@code bearer.<token>}, or a ticket ({@code ?ticket=}). The token is never logged.
 */
@ApplicationScoped
public class HandshakeCheck {

    private static final Logger LOG = Logger.getLogger(HandshakeCheck.class.getName());
    static final String TOKEN_PROTOCOL = "bearer.";

    @Inject
    ApiToken token;

    @Inject
    Tickets tickets;

    @Inject
    AccessSettings settings;

    /** What a handshake carries that the check reads; any of it may be null. */
    public record Handshake(String origin, String host, String authorization, String protocols, String ticket,
            String remoteAddress, String forwardedFor) {

        /** The headers the check reads, by name from {@code header}, whichever request type holds them. */
        public static Handshake of(UnaryOperator<String> header, String ticket, String remoteAddress) {
            return new Handshake(header.apply("Origin"), header.apply("Host"), header.apply("Authorization"),
                    header.apply("Sec-WebSocket-Protocol"), ticket, remoteAddress, header.apply("X-Forwarded-For"));
        }
    }

    public HandshakeVerdict judge(Handshake handshake) {
        OriginPolicy origins = settings.origins();
        if (handshake.origin() != null && !origins.allows(handshake.origin(), handshake.host())) {
            return refused(handshake, 403, "origin " + handshake.origin() + " is not allowed: " + origins.advice());
        }
        OptionalLong generation = authenticated(handshake);
        if (!settings.anonymousWebSocket() && generation.isEmpty()) {
            return refused(handshake, 401,
                    "a token is required: Authorization: Bearer <token>, subprotocol bearer.<token>, or ?ticket=");
        }
        String client = ClientAddress.ofRequest(handshake.remoteAddress(), handshake.forwardedFor(), settings.trustedProxies());
        return HandshakeVerdict.admitted(client, generation);
    }

    /** The generation of the token the handshake carries (itself, or a ticket standing for it), if it is good. */
    private OptionalLong authenticated(Handshake handshake) {
        OptionalLong byHeader = token.generationAuthorizing(handshake.authorization());
        if (byHeader.isPresent()) {
            return byHeader;
        }
        if (handshake.protocols() != null) {
            for (String protocol : handshake.protocols().split(",")) {
                String offered = protocol.trim();
                if (offered.startsWith(TOKEN_PROTOCOL)) {
                    OptionalLong byProtocol = token.generationOf(offered.substring(TOKEN_PROTOCOL.length()));
                    if (byProtocol.isPresent()) {
                        return byProtocol;
                    }
                }
            }
        }
        return handshake.ticket() == null ? OptionalLong.empty() : tickets.redeem(handshake.ticket());
    }

    private static HandshakeVerdict refused(Handshake handshake, int status, String why) {
        LOG.info(() -> "refused /ws handshake from " + handshake.remoteAddress() + ": " + status + " " + why);
        return HandshakeVerdict.refused(status, why);
    }
}
