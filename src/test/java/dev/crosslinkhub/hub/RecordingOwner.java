package dev.crosslinkhub.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An outbox's owner in a test: it records why the outbox asked to end its session. */
final class RecordingOwner implements Outbox.Owner {

    final List<String> evictions = new CopyOnWriteArrayList<>();
    final List<Throwable> faults = new CopyOnWriteArrayList<>();

    @Override
    public void evict(String why) {
        evictions.add(why);
    }

    @Override
    public void fail(Throwable fault) {
        faults.add(fault);
    }
}
