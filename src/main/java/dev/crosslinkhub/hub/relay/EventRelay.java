package dev.crosslinkhub.hub.relay;

/**
 * Carries every committed event to the hub of every instance that serves this WAR, this one
 * included, and numbers it. The relay decides the one order all instances deliver in: an event
 * gets the same id everywhere, and ids only rise. {@link LocalRelay} is the single-instance
 * default; {@link GridRelay} spans a Payara cluster through its Hazelcast data grid.
 */
public interface EventRelay extends AutoCloseable {

    /** Where the relay hands events back, one at a time, in id order. */
    interface Delivery {

        /**
         * An event for this instance's sessions.
         *
         * @param live false for history: an event published before this instance joined, for the
         *             resume log only, never sent live
         */
        void deliver(long id, EncodedEvent event, long firedNanos, boolean live);

        /**
         * From now on ids are of {@code epoch}: above {@code idsBefore} (none up to it can be
         * replayed here) and at most {@code idsUpTo} (none above it is of this epoch). A client
         * resuming from an id outside is reset. Called before the first delivery, and again
         * whenever the cluster starts a new id space (a member was lost, and with it perhaps
         * events it had committed but not yet published).
         */
        void epochBegins(long epoch, long idsBefore, long idsUpTo);

        /**
         * What this instance delivered since a split brain is not the cluster's history (its half
         * merged into the other): every session is told to re-sync, the log starts afresh, and the
         * cluster's history follows as deliveries that are not live.
         *
         * @param missed events of the cluster's history that this instance never delivered
         */
        void historyReplaced(long epoch, long idsBefore, long idsUpTo, long missed);

        /** {@code count} events, with ids up to {@code upToId}, will never be delivered here. */
        void missed(long upToId, long count);
    }

    /**
     * Starts delivering: first {@link Delivery#epochBegins} with the id space this instance joins
     * in, then the events. Events sent before this are not lost; they are delivered after it.
     */
    void start(Delivery delivery);

    /**
     * An event committed on this instance; every instance's {@link Delivery} gets it once. Bounded
     * in time: a relay in trouble does not hold the firing thread, it counts the event unpublished.
     */
    void send(EncodedEvent event);

    /** Events committed here that the relay gave up on (it was full, or the grid went away): never announced. */
    long unpublished();

    /** Why the relay cannot carry events now, or null when it can: the hub is then not ready. */
    String trouble();

    /** Every id up to this one was issued before this instance's history begins: resume cannot cover it. */
    long idsBefore();

    /**
     * The id space this instance's event ids belong to: the same on every instance of one
     * cluster, different wherever ids were numbered apart (another cluster, this instance before
     * its restart), so that one id never names two events within an epoch. A client that resumes
     * from an id of another epoch is reset, never replayed.
     */
    long epoch();

    /** How many instances the relay reaches now, this one included. */
    int members();

    /**
     * Whether every event the relay holds has its backup in place and nothing is moving between
     * members: one instance may stop now without losing history. Always so for one instance.
     */
    default boolean backedUp() {
        return true;
    }

    /** What the relay spans, for the start-up log. */
    String describe();

    @Override
    void close();
}
