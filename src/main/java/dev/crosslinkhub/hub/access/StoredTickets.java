package dev.crosslinkhub.hub.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The tickets in the database, so a ticket issued by one hub of a cluster is redeemed on another
 * (behind a proxy without sticky sessions, about half the time). Taking one locks its row: of two
 * hubs redeeming it at once, the second finds it gone.
 */
@ApplicationScoped
@Transactional
public class StoredTickets implements TicketBook {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Override
    public void keep(String ticketSha256, Kept ticket) {
        em.persist(new WsTicket(ticketSha256, ticket));
    }

    @Override
    public Optional<Kept> take(String ticketSha256) {
        WsTicket ticket = em.find(WsTicket.class, ticketSha256, LockModeType.PESSIMISTIC_WRITE);
        if (ticket == null) {
            return Optional.empty();
        }
        em.remove(ticket);
        return Optional.of(ticket.kept());
    }

    @Override
    public void forgetExpired(Instant now) {
        em.createQuery("delete from WsTicket t where t.expiresAt < :now").setParameter("now", now).executeUpdate();
    }
}
