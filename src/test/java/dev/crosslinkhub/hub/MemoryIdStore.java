package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.relay.EventIdStore;

/** The database's reserved id bound, in memory: raised, never lowered. */
final class MemoryIdStore extends EventIdStore {

    private long reservedUpTo;

    MemoryIdStore(long reservedUpTo) {
        this.reservedUpTo = reservedUpTo;
    }

    @Override
    public synchronized long reservedUpTo() {
        return reservedUpTo;
    }

    @Override
    public synchronized long reserve(long count) {
        reservedUpTo += count;
        return reservedUpTo;
    }

    @Override
    public synchronized long raiseTo(long upTo) {
        reservedUpTo = Math.max(reservedUpTo, upTo);
        return reservedUpTo;
    }
}
