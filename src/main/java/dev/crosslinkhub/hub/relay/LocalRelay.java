package dev.crosslinkhub.hub.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single-instance relay: firing threads queue their events, and one thread of the relay's
 * numbers them from id blocks reserved in the database (so ids keep rising across restarts) and
 * delivers them, in that order. The firing thread never waits on the fan-out, and the relay
 * holds no lock while it delivers, so no lock of the relay's nests with the fan-out's.
 *
 * <p>The queue is bounded: when the fan-out cannot keep up, firing threads wait for room rather
 * than let committed events pile up without limit.
 */
final class LocalRelay implements EventRelay {

    private static final Logger LOG = Logger.getLogger(LocalRelay.class.getName());
    private static final int BATCH = 256;
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final EventIds ids;
    private final ThreadFactory threads;
    private final String reason;
    /** Written by firing threads, read by the delivering thread only. */
    private final BlockingQueue<Fired> fired;
    private volatile boolean closing;
    private Thread deliverer;

    private record Fired(EncodedEvent event, long firedNanos) {
    }

    LocalRelay(EventIds ids, ThreadFactory threads, int capacity, String reason) {
        this.ids = ids;
        this.threads = threads;
        this.reason = reason;
        this.fired = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    @Override
    public void start(Delivery delivery) {
        delivery.epochBegins(ids.startedAfter(), ids.startedAfter(), Long.MAX_VALUE);
        deliverer = threads.newThread(() -> deliverAll(delivery));
        deliverer.setName("hub-local-relay");
        deliverer.setDaemon(true);
        deliverer.start();
    }

    @Override
    public long unpublished() {
        return 0; // put() waits for room: the relay's one thread always drains
    }

    @Override
    public String trouble() {
        return null;
    }

    @Override
    public void send(EncodedEvent event) {
        try {
            fired.put(new Fired(event, System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "event=relay-interrupted: an event on channel {0} was not announced", event.channel());
        }
    }

    /** The one thread that numbers and delivers; ids and the order of delivery agree because there is one. */
    private void deliverAll(Delivery delivery) {
        List<Fired> batch = new ArrayList<>(BATCH);
        while (!closing || !fired.isEmpty()) {
            try {
                Fired first = fired.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fired.drainTo(batch, BATCH - 1);
                for (Fired each : batch) {
                    delivery.deliver(ids.allocate(), each.event(), each.firedNanos(), true);
                }
            } catch (InterruptedException e) {
                if (!closing) {
                    LOG.warning("event=relay-stopped: the local relay's thread was interrupted");
                }
                return;
            } catch (RuntimeException e) {
                // One event that cannot be numbered or delivered must not stop the others.
                LOG.log(Level.WARNING, "delivering " + batch.size() + " events failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public long idsBefore() {
        return ids.startedAfter();
    }

    /** Each start numbers on from ids reserved afresh: the epoch is where this start's ids begin. */
    @Override
    public long epoch() {
        return ids.startedAfter();
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public String describe() {
        return "single instance (" + reason + ")";
    }

    /** Delivers what is still queued (up to two seconds), then stops. */
    @Override
    public void close() {
        closing = true;
        if (deliverer == null) {
            return;
        }
        try {
            deliverer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliverer.interrupt();
    }
}
