package dev.crosslinkhub.hub.relay;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay across a Payara cluster: one Hazelcast ringbuffer, which is what a reliable topic is
 * built on, used directly because its sequence is the order every instance reads in. An event's
 * id is the cluster's id base plus its sequence, the same on every instance; the ringbuffer's
 * backup on another member keeps it when one instance dies. Each instance publishes its own
 * events in commit order from one thread (batch after batch), and reads the ringbuffer from one
 * thread, so its sessions see every instance's events in one order, each once. A firing thread
 * waits until its event is in the grid (and in its backup), so a change a client saw committed
 * is announced even if its instance is killed the next moment.
 *
 * <p>Only {@link RelayChoice} names this class, and only once it has found a running grid: on a
 * server without Hazelcast it is never loaded.
 */
final class GridRelay implements EventRelay {

    static final String RINGBUFFER = "crosslink-hub.events";
    private static final String STATE = "crosslink-hub.state";
    private static final String ID_BASE = "event-id-base";
    private static final int READ_BATCH = 512;
    private static final int PUBLISH_BATCH = 256;

    private static final Logger LOG = Logger.getLogger(GridRelay.class.getName());

    private final HazelcastInstance grid;
    private final EventIdStore idStore;
    private final Executor background;
    private final ThreadFactory threads;
    private final int capacity;
    private final long idBlock;
    private final RelayLimits limits;
    private final BlockingQueue<Outgoing> outgoing;
    private final LongAdder unpublished = new LongAdder();
    private final AtomicLong lastSlowWarning = new AtomicLong();
    /** Set once the grid is gone for good: events are then refused at once, and the hub is not ready. */
    private volatile String trouble;

    /** An event waiting for the publisher, and its firing thread waiting for the grid. */
    private record Outgoing(String message, CompletableFuture<Void> published) {
    }

    private Ringbuffer<String> ring;
    private long base;
    private long idsBefore;
    private IdCeiling ceiling;
    private Thread reader;
    private Thread publisher;
    private volatile boolean closing;

    GridRelay(HazelcastInstance grid, EventIdStore idStore, Executor background, ThreadFactory threads, int capacity,
              long idBlock, RelayLimits limits) {
        this.limits = limits;
        this.outgoing = new LinkedBlockingQueue<>(Math.max(1, limits.maxPending()));
        this.grid = grid;
        this.idStore = idStore;
        this.background = background;
        this.threads = threads;
        this.capacity = capacity;
        this.idBlock = idBlock;
    }

    @Override
    public void start(Delivery delivery) {
        // Every instance adds the same configuration; the grid keeps one and accepts equal ones.
        grid.getConfig().addRingBufferConfig(new RingbufferConfig(RINGBUFFER)
                .setCapacity(capacity).setBackupCount(1).setAsyncBackupCount(0).setTimeToLiveSeconds(0));
        ring = grid.getRingbuffer(RINGBUFFER);
        long reserved = idStore.reservedUpTo();
        // The first instance of a cluster fixes the base above every id the database knows of;
        // the others take it. A cluster started again from nothing fixes a new, higher one.
        IMap<String, Long> state = grid.getMap(STATE);
        Long agreed = state.putIfAbsent(ID_BASE, reserved);
        base = agreed == null ? reserved : agreed;
        ceiling = new IdCeiling(idStore, background, idBlock, reserved);
        long head = ring.headSequence();
        long tail = ring.tailSequence();
        idsBefore = base + head;
        reader = threads.newThread(() -> read(delivery, head, tail));
        reader.setName("hub-grid-reader");
        reader.start();
        publisher = threads.newThread(this::publish);
        publisher.setName("hub-grid-publisher");
        publisher.start();
    }

    @Override
    public void send(EncodedEvent event) {
        if (trouble != null) {
            unpublished.increment(); // the grid is gone: say so at once rather than wait for it
            return;
        }
        Outgoing item = new Outgoing(new GridMessage(System.currentTimeMillis(), event).encode(), new CompletableFuture<>());
        if (!outgoing.offer(item)) {
            unpublished.increment();
            warnAtMostEverySecond("event=relay-full pending=" + limits.maxPending()
                    + ": the grid takes events slower than they commit; this one is not announced");
            return;
        }
        try {
            item.published().get(limits.publishWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (trouble != null && outgoing.remove(item)) {
                unpublished.increment(); // queued just after the grid went away: nobody will publish it
                return;
            }
            warnAtMostEverySecond("event=relay-slow: an event is not in the grid after " + limits.publishWait().toMillis()
                    + " ms; the request goes on, the event stays queued, in order");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.FINE, "an event was not published", e.getCause()); // counted where it was given up
        }
    }

    /** The grid shut down under a running hub (not at undeploy): the hub is not ready from now on. */
    private void gridGone() {
        if (trouble == null) {
            trouble = "the data grid is shut down: events are no longer relayed";
            LOG.log(Level.SEVERE, "event=relay-stopped reason=\"{0}\"", trouble);
        }
    }

    private void warnAtMostEverySecond(String warning) {
        long now = System.nanoTime();
        long last = lastSlowWarning.get();
        if (now - last > 1_000_000_000L && lastSlowWarning.compareAndSet(last, now)) {
            LOG.warning(warning);
        }
    }

    @Override
    public long unpublished() {
        return unpublished.sum();
    }

    @Override
    public String trouble() {
        return trouble;
    }

    @Override
    public long idsBefore() {
        return idsBefore;
    }

    /** The cluster's id base: fixed by its first member, the same on every member, new when the cluster starts afresh. */
    @Override
    public long epoch() {
        return base;
    }

    @Override
    public int members() {
        return grid.getCluster().getMembers().size();
    }

    @Override
    public String describe() {
        return "Hazelcast data grid, cluster '" + grid.getConfig().getClusterName() + "', "
                + members() + " member(s) now, ringbuffer '" + RINGBUFFER
                + "' keeping " + capacity + " events, ids from " + (base + 1);
    }

    /** Reads the ringbuffer in order: first the history this instance joined with, then live. */
    private void read(Delivery delivery, long head, long historyUpTo) {
        long next = head;
        while (!closing) {
            ReadResultSet<String> batch;
            try {
                batch = ring.readManyAsync(next, 1, READ_BATCH, null).toCompletableFuture().get();
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StaleSequenceException) {
                    long resumeAt = ring.headSequence();
                    LOG.log(Level.WARNING, "event=relay-behind missed={0}: this instance fell behind the grid''s {1} events",
                            new Object[] {resumeAt - next, capacity});
                    delivery.missed(base + resumeAt, resumeAt - next);
                    next = resumeAt;
                    continue;
                }
                if (closing) {
                    return;
                }
                if (e.getCause() instanceof HazelcastInstanceNotActiveException) {
                    gridGone();
                    return;
                }
                LOG.log(Level.WARNING, "reading the event ringbuffer failed; retrying", e.getCause());
                pause();
                continue;
            } catch (HazelcastInstanceNotActiveException e) {
                if (!closing) {
                    gridGone();
                }
                return;
            }
            for (int i = 0; i < batch.readCount(); i++) {
                long sequence = batch.getSequence(i);
                long id = base + sequence + 1;
                while (!covered(id)) {
                    if (closing) {
                        return;
                    }
                    pause();
                }
                GridMessage message;
                try {
                    message = GridMessage.decode(batch.get(i));
                } catch (IllegalArgumentException foreign) {
                    LOG.log(Level.WARNING, "skipping ringbuffer item " + sequence, foreign);
                    continue;
                }
                long ageNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - message.firedMillis()));
                try {
                    delivery.deliver(id, message.event(), System.nanoTime() - ageNanos, sequence > historyUpTo);
                } catch (RuntimeException e) {
                    // this thread is the instance's only reader: if it ended, every session would go deaf
                    LOG.log(Level.SEVERE, "delivering event " + id + " failed; the relay goes on with the next", e);
                }
            }
            next = batch.getNextSequenceToReadFrom();
        }
    }

    /** Whether the database now knows of {@code id}; an event is never delivered before that. */
    private boolean covered(long id) {
        try {
            ceiling.cover(id);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot reserve event id " + id + " in the database; retrying", e);
            return false;
        }
    }

    /** Publishes this instance's events batch after batch, so the grid keeps their commit order. */
    private void publish() {
        List<Outgoing> batch = new ArrayList<>(PUBLISH_BATCH);
        List<String> messages = new ArrayList<>(PUBLISH_BATCH);
        while (!closing || !outgoing.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Outgoing first = outgoing.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    outgoing.drainTo(batch, PUBLISH_BATCH - 1);
                    messages.clear();
                    batch.forEach(item -> messages.add(item.message()));
                }
                ring.addAllAsync(messages, OverflowPolicy.OVERWRITE).toCompletableFuture().get();
                batch.forEach(item -> item.published().complete(null));
                batch.clear();
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                }
                return;
            } catch (ExecutionException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (cause instanceof HazelcastInstanceNotActiveException) {
                    gridGone();
                    List<Outgoing> lost = new ArrayList<>(batch);
                    outgoing.drainTo(lost);
                    unpublished.add(lost.size());
                    LOG.log(Level.SEVERE, "event=relay-unpublished count={0}", lost.size());
                    lost.forEach(item -> item.published().completeExceptionally(cause));
                    return;
                }
                // Committed events are not dropped: the same batch is tried again, in order.
                LOG.log(Level.WARNING, "publishing " + batch.size() + " events to the grid failed; retrying", cause);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500); // the grid is recovering (a member left); asking again at once would only spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes what is still queued (up to two seconds), then stops reading. */
    @Override
    public void close() {
        closing = true;
        try {
            if (publisher != null) {
                publisher.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (publisher != null) {
            publisher.interrupt();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
