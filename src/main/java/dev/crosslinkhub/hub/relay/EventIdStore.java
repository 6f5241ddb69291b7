package dev.crosslinkhub.hub.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Reserves blocks of event ids in the database, each in a transaction of its own. */
@ApplicationScoped
public class EventIdStore {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    /** The highest id reserved so far; every id at or below it may have been handed out. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long reservedUpTo() {
        EventIdBlock block = em.find(EventIdBlock.class, EventIdBlock.THE_BLOCK);
        return block == null ? 0 : block.reservedUpTo();
    }

    /** Reserves the next {@code count} ids and returns the new upper bound. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long reserve(long count) {
        return lockedBlock().extend(count);
    }

    /**
     * Makes sure every id up to {@code upTo} counts as reserved, and returns the bound now
     * stored: ids numbered elsewhere (the cluster's relay) stay below it after a restart.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long raiseTo(long upTo) {
        EventIdBlock block = lockedBlock();
        return block.extend(Math.max(0, upTo - block.reservedUpTo()));
    }

    /** The bound's row, locked for this transaction; made on first use. */
    private EventIdBlock lockedBlock() {
        EventIdBlock block = em.find(EventIdBlock.class, EventIdBlock.THE_BLOCK, LockModeType.PESSIMISTIC_WRITE);
        if (block == null) {
            block = new EventIdBlock(0);
            em.persist(block);
        }
        return block;
    }
}
