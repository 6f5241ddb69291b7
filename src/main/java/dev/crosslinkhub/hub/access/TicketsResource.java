package dev.crosslinkhub.hub.access;

import dev.crosslinkhub.api.ApiToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v1/ws-tickets} (bearer token required): a ticket for one {@code /ws} handshake. */
@RequestScoped
@Path("ws-tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketsResource {

    @Inject
    Tickets tickets;

    @Inject
    ApiToken token;

    /** Stands for the token the request carried (the filter let it through): a rotation ends its sessions too. */
    @POST
    public Tickets.Ticket issue() {
        return tickets.issue(token.generation());
    }
}
