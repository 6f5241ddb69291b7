package dev.crosslinkhub.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/**
 * Creates an id sequence that does not exist yet, starting at 1. In a transaction of its own:
 * H2 commits the open transaction on any DDL, and the request that asked must not be committed
 * half way.
 */
@ApplicationScoped
public class SequenceSchema {

    private static final Logger LOG = Logger.getLogger(SequenceSchema.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void createIfMissing(String sequence) {
        try {
            em.createNativeQuery("CREATE SEQUENCE IF NOT EXISTS " + sequence + " START WITH 1 INCREMENT BY 1").executeUpdate();
        } catch (PersistenceException racedOrRefused) {
            // Another instance may have created it at the same moment; if not, the draw that follows says what is wrong.
            LOG.fine(() -> "event=sequence-create sequence=" + sequence + " outcome=" + racedOrRefused);
        }
    }
}
