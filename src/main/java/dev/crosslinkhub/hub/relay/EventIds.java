package dev.crosslinkhub.hub.relay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Hands out server-wide event ids, strictly increasing, never lower than one handed out before a
 * restart. Ids come from blocks reserved in the database; the next block is reserved in the
 * background while half of the current one is left, so firing an event rarely waits on the
 * database (and never inside the firing transaction). Not thread-safe: only {@link LocalRelay}'s
 * delivering thread allocates.
 */
final class EventIds {

    private final EventIdStore store;
    private final Executor background;
    private final long blockSize;
    private final long startedAfter;
    private long next;
    private long limit;
    private CompletableFuture<Long> nextBlock;

    EventIds(EventIdStore store, Executor background, long blockSize) {
        this.store = store;
        this.background = background;
        this.blockSize = blockSize;
        this.startedAfter = store.reservedUpTo();
        this.limit = store.reserve(blockSize);
        this.next = limit - blockSize + 1;
    }

    /** Every id up to this one was reserved before this process started: those events are gone. */
    long startedAfter() {
        return startedAfter;
    }

    long allocate() {
        if (next > limit) {
            long upTo = awaitNextBlock();
            next = Math.max(next, upTo - blockSize + 1);
            limit = upTo;
        }
        if (nextBlock == null && limit - next < blockSize / 2) {
            nextBlock = CompletableFuture.supplyAsync(() -> store.reserve(blockSize), background);
        }
        return next++;
    }

    private long awaitNextBlock() {
        CompletableFuture<Long> pending = nextBlock != null ? nextBlock
                : CompletableFuture.supplyAsync(() -> store.reserve(blockSize), background);
        nextBlock = null;
        return awaitReservation(pending);
    }

    /** A reservation made in the background, awaited; shared with {@link IdCeiling}. */
    static long awaitReservation(CompletableFuture<Long> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reserving event ids", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot reserve event ids", e.getCause());
        }
    }
}
