package dev.crosslinkhub.hub.relay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Keeps the database's reserved bound above every id the cluster's relay hands out, so that a
 * cluster started again from nothing numbers on from above all of them. The bound is raised a
 * block ahead, in the background, while half a block is left; an id waits only if the relay has
 * outrun the database. Used by one thread at a time.
 */
final class IdCeiling {

    private final EventIdStore store;
    private final Executor background;
    private final long block;
    private long reservedUpTo;
    private CompletableFuture<Long> raising;

    IdCeiling(EventIdStore store, Executor background, long block, long reservedUpTo) {
        this.store = store;
        this.background = background;
        this.block = block;
        this.reservedUpTo = reservedUpTo;
    }

    /** Returns once {@code id} is at or below the stored bound. */
    void cover(long id) {
        if (raising != null && raising.isDone()) {
            reservedUpTo = Math.max(reservedUpTo, settle());
        }
        if (raising == null && reservedUpTo - id < block / 2) {
            long target = Math.max(reservedUpTo, id) + block;
            raising = CompletableFuture.supplyAsync(() -> store.raiseTo(target), background);
        }
        while (id > reservedUpTo) {
            reservedUpTo = Math.max(reservedUpTo, settle());
            if (id > reservedUpTo) {
                long target = id + block;
                raising = CompletableFuture.supplyAsync(() -> store.raiseTo(target), background);
            }
        }
    }

    /** The raise in progress, awaited and forgotten: one that failed is tried afresh by the next call. */
    private long settle() {
        CompletableFuture<Long> pending = raising;
        raising = null;
        return EventIds.awaitReservation(pending);
    }
}
