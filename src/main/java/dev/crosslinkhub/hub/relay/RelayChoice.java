package dev.crosslinkhub.hub.relay;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Picks the relay: Payara's Hazelcast data grid when the server runs one (JNDI
 * {@code payara/Hazelcast}) and {@code hub.cluster.enabled} allows it, the single-instance
 * relay everywhere else (WildFly, say). Payara Micro runs a one-member grid even with
 * {@code --nocluster}, so a single Payara instance goes through the grid too.
 */
public final class RelayChoice {

    static final String GRID_JNDI_NAME = "payara/Hazelcast";
    private static final String GRID_TYPE = "com.hazelcast.core.HazelcastInstance";

    /** Ids reserved in the database at a time, ahead of the ids handed out. */
    static final long ID_BLOCK = 10_000;
    /** Committed events waiting for the single-instance relay's thread, at most. */
    private static final int LOCAL_QUEUE = 65_536;

    private static final Logger LOG = Logger.getLogger(RelayChoice.class.getName());

    private RelayChoice() {
    }

    /** The relay for this server; {@code history} is how many events the grid keeps for instances that join late. */
    public static EventRelay choose(boolean clusterEnabled, EventIdStore idStore, Executor background, ThreadFactory threads,
                                    int history, RelayLimits limits) {
        boolean hazelcast = clusterEnabled && hazelcastVisible();
        Object grid = hazelcast ? lookUpGrid() : null;
        if (grid != null && GridRelays.running(grid)) {
            return GridRelays.create(grid, idStore, background, threads, history, ID_BLOCK, limits);
        }
        String reason = !clusterEnabled ? "hub.cluster.enabled=false"
                : !hazelcast ? "this server has no Hazelcast data grid"
                : "no running data grid: JNDI " + GRID_JNDI_NAME + " names none";
        return new LocalRelay(new EventIds(idStore, background, ID_BLOCK), threads, LOCAL_QUEUE, reason);
    }

    /** Whether this application can see Hazelcast's API (Payara exposes it; other servers do not have it). */
    private static boolean hazelcastVisible() {
        try {
            Class.forName(GRID_TYPE, false, RelayChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError noHazelcast) {
            return false;
        }
    }

    private static Object lookUpGrid() {
        try {
            return new InitialContext().lookup(GRID_JNDI_NAME);
        } catch (NamingException | RuntimeException notBound) {
            LOG.log(Level.FINE, "no " + GRID_JNDI_NAME, notBound);
            return null;
        }
    }
}
