package dev.crosslinkhub.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Where a rotation of the API token is kept, for every hub on the database and across restarts ({@link RotatedToken}). */
@ApplicationScoped
@Transactional
public class TokenStore {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    /** The last rotation, if the token was ever rotated. */
    public Optional<RotatedToken.View> current() {
        return Optional.ofNullable(em.find(RotatedToken.class, RotatedToken.THE_TOKEN)).map(RotatedToken::view);
    }

    /** Records a rotation; rotations on several hubs at once are serialised by the row's lock. Returns its generation. */
    public long rotate(String tokenSha256, String replacesSha256) {
        RotatedToken row = em.find(RotatedToken.class, RotatedToken.THE_TOKEN, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new RotatedToken();
            em.persist(row);
        }
        row.rotate(tokenSha256, replacesSha256, Instant.now());
        return row.view().generation();
    }
}
