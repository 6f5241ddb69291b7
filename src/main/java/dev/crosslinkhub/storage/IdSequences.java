package dev.crosslinkhub.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The ids crosslink numbers (issues, comments, milestones, sessions, usage records): 1, 2, 3, …
 * from a database sequence per kind. Drawn here rather than by JPA's {@code @GeneratedValue}:
 * EclipseLink's schema generation tells whether a sequence exists by drawing a value from it, so
 * on Payara a fresh database's first issue was #2 and every start skipped one more id. The
 * sequences keep their names, so a database made before goes on where it was.
 */
@ApplicationScoped
public class IdSequences {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    SequenceSchema schema;

    /** Sequences this instance has made sure exist; the first draw of each creates it if missing. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    /** The next id of {@code sequence}, in the caller's transaction; call it once the request is known to be valid. */
    public long next(String sequence) {
        if (!NAME.matcher(sequence).matches()) {
            throw new IllegalArgumentException("not a sequence name: " + sequence);
        }
        if (!ensured.contains(sequence)) {
            schema.createIfMissing(sequence);
            ensured.add(sequence);
        }
        // NEXTVAL('name') is the one spelling H2 and PostgreSQL both read.
        return ((Number) em.createNativeQuery("SELECT NEXTVAL('" + sequence + "')").getSingleResult()).longValue();
    }
}
