package dev.crosslinkhub.locks;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.events.LockAction;
import dev.crosslinkhub.events.LockChanged;
import dev.crosslinkhub.issues.IssueService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Claims and releases locks; each change is announced as {@code lock_changed} once it commits. */
@ApplicationScoped
@Transactional
public class LockService {

    private static final String HELD_BY_SILENT_AGENTS = " from Lock l where not exists (select a from Agent a"
            + " where a.agentId = l.agentId and a.lastHeartbeat >= :since)";

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<LockChanged> lockChanged;

    @Inject
    IssueService issues;

    /**
     * Gives the lock to {@code agentId}, or confirms it already holds it (no event then). Two
     * agents racing for a free lock both insert its row; the key lets one commit and fails the
     * other's flush, which then leaves nothing behind.
     */
    public Lock claim(long issueId, String agentId, String branch) {
        issues.require(issueId, "Issue #");
        Lock held = em.find(Lock.class, issueId);
        if (held != null) {
            if (held.agentId().equals(agentId)) {
                return held;
            }
            throw RequestRejected.conflict(heldBy(held));
        }
        Lock lock = new Lock(issueId, agentId, branch, Instant.now());
        em.persist(lock);
        em.flush();
        lockChanged.fire(new LockChanged(issueId, LockAction.CLAIMED, agentId));
        return lock;
    }

    public void release(long issueId, String agentId) {
        Lock held = em.find(Lock.class, issueId, LockModeType.PESSIMISTIC_WRITE);
        if (held == null) {
            throw RequestRejected.notFound("Issue #" + issueId + " is not locked");
        }
        if (!held.agentId().equals(agentId)) {
            throw RequestRejected.conflict(heldBy(held) + ", not by '" + agentId + "'");
        }
        em.remove(held);
        lockChanged.fire(new LockChanged(issueId, LockAction.RELEASED, agentId));
    }

    public Optional<Lock> find(long issueId) {
        return Optional.ofNullable(em.find(Lock.class, issueId));
    }

    /** Locks by issue id. */
    public Listing<Lock> list(Page page) {
        return page.of(em.createQuery("select l from Lock l order by l.issueId", Lock.class), this::count);
    }

    public long count() {
        return em.createQuery("select count(l) from Lock l", Long.class).getSingleResult();
    }

    public List<Long> issuesHeldBy(String agentId) {
        return em.createQuery("select l.issueId from Lock l where l.agentId = :agent order by l.issueId", Long.class)
                .setParameter("agent", agentId)
                .getResultList();
    }

    /**
     * Locks whose holder has not sent a heartbeat since {@code heartbeatBefore}, or never has: as
     * crosslink decides {@code /locks/stale}, by the holder's heartbeat rather than the claim's age.
     */
    public Listing<Lock> heldBySilentAgents(Instant heartbeatBefore, Page page) {
        return page.of(em.createQuery("select l" + HELD_BY_SILENT_AGENTS + " order by l.issueId", Lock.class)
                .setParameter("since", heartbeatBefore), () -> countHeldBySilentAgents(heartbeatBefore));
    }

    public long countHeldBySilentAgents(Instant heartbeatBefore) {
        return em.createQuery("select count(l)" + HELD_BY_SILENT_AGENTS, Long.class)
                .setParameter("since", heartbeatBefore).getSingleResult();
    }

    static String heldBy(Lock lock) {
        return "Issue #" + lock.issueId() + " is locked by '" + lock.agentId() + "'";
    }
}
