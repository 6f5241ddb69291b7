package dev.crosslinkhub.hub.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An issued {@code /ws} ticket, by its SHA-256 (the ticket itself is never stored). */
@Entity
@Table(name = "hub_ws_ticket")
public class WsTicket {

    @Id
    @Column(name = "ticket_sha256", length = 64)
    private String ticketSha256;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "token_generation", nullable = false)
    private long tokenGeneration;

    protected WsTicket() {
    }

    WsTicket(String ticketSha256, TicketBook.Kept ticket) {
        this.ticketSha256 = ticketSha256;
        this.expiresAt = ticket.expiresAt();
        this.tokenGeneration = ticket.tokenGeneration();
    }

    TicketBook.Kept kept() {
        return new TicketBook.Kept(expiresAt, tokenGeneration);
    }
}
