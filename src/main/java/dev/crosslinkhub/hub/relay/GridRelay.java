package dev.crosslinkhub.hub.relay;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Queue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay across a Payara cluster: one Hazelcast ringbuffer, which is what a reliable topic is
 * built on, used directly because its sequence is the order every instance reads in. An event's
 * id is its epoch's base plus its distance from the epoch's mark, the same on every instance; the
 * ringbuffer's backup on another member keeps it when one instance dies. Each instance publishes
 * its own events in commit order from one thread (batch after batch), and reads the ringbuffer
 * from one thread, so its sessions see every instance's events in one order, each once. A firing
 * thread waits until its event is in the grid (and in its backup), so a change a client saw
 * committed is announced even if its instance is killed the next moment.
 *
 * <p>Epochs: each takes a span of {@link #EPOCH_SPAN} ids of its own from the database, so no two
 * epochs ever share an id. The grid's oldest member starts one (an {@link EpochMark} in the
 * ringbuffer) whenever a member is lost without saying goodbye: it may have committed events it
 * never published, so a client resuming from before that moment is reset, not replayed across a
 * hole. In a split brain each half's oldest member does so, with a span of its own; the half that
 * merges into the other finds its history gone, tells its sessions to re-sync, and publishes
 * again those of its own events the cluster's history lacks.
 *
 * <p>Only {@link RelayChoice} names this class, and only once it has found a running grid: on a
 * server without Hazelcast it is never loaded.
 */
final class GridRelay implements EventRelay {

    static final String RINGBUFFER = "crosslink-hub.events";
    /** Ids each epoch owns: far more than one epoch numbers between two lost members. */
    static final long EPOCH_SPAN = 1_000_000_000L;
    private static final String STATE = "crosslink-hub.state";
    /** The latest epoch: {@code <base>@<sequence of its mark>}, -1 for one that began with the ringbuffer. */
    private static final String EPOCH = "epoch";
    /** Members that said goodbye (their events all published): losing one starts no epoch. */
    private static final String LEFT = "crosslink-hub.left";
    private static final int READ_BATCH = 512;
    private static final int PUBLISH_BATCH = 256;
    /** What this instance keeps of its own published events, to publish again after a merge: about 4 MB at most. */
    private static final long OWN_EVENTS_MAX_CHARS = 4_000_000;

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
    /** This instance's part of every tag it gives its events (not the member's UUID: a merge changes that). */
    private final String origin = Long.toHexString(UUID.randomUUID().getMostSignificantBits() >>> 16);
    private final AtomicLong tags = new AtomicLong();
    private final OwnEvents ownEvents;
    /** Set once the grid is gone for good: events are then refused at once, and the hub is not ready. */
    private volatile String trouble;

    /** An event waiting for the publisher, and its firing thread waiting for the grid. */
    private record Outgoing(GridMessage message, CompletableFuture<Void> published) {

        Outgoing(GridMessage message) {
            this(message, new CompletableFuture<>());
        }
    }

    /** Where an epoch begins: ids after its mark's sequence count up from its base. */
    private record Epoch(long base, long markSequence) {

        long idOf(long sequence) {
            return base + (sequence - markSequence);
        }

        /** The top of the epoch's span: no id above it is the epoch's. */
        long idsUpTo() {
            return base + EPOCH_SPAN;
        }

        String encode() {
            return base + "@" + markSequence;
        }

        static Epoch decode(String text) {
            int at = text.indexOf('@');
            return new Epoch(Long.parseLong(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
        }
    }

    /** Written by the reader after a merge, read by the publisher too. */
    private volatile Ringbuffer<String> ring;
    private IMap<String, String> state;
    private UUID membershipListener;
    private UUID lifecycleListener;
    /** The reader's epoch; the reader thread's alone once it runs. */
    private Epoch readEpoch;
    private volatile long epoch;
    private volatile long idsBefore;
    private IdCeiling ceiling;
    /**
     * The tags of the events this instance delivered, as many as the ringbuffer keeps; the
     * reader's alone. An event the grid holds twice (its publisher retried a write the grid had
     * taken) is delivered once.
     */
    private final Set<String> delivered;
    /** Members the grid lost, from its membership events; the publisher decides whether each starts an epoch. */
    private final Queue<Member> lostMembers = new ConcurrentLinkedQueue<>();
    /** Set when this member's half merged into another: the reader takes the cluster's history. */
    private volatile boolean merged;
    private volatile CompletableFuture<ReadResultSet<String>> pendingRead;
    private Thread reader;
    private Thread publisher;
    private volatile boolean closing;
    private volatile Delivery delivery;

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
        this.ownEvents = new OwnEvents(capacity, OWN_EVENTS_MAX_CHARS);
        this.delivered = boundedSet(capacity);
    }

    private static Set<String> boundedSet(int capacity) {
        return Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    @Override
    public void start(Delivery delivery) {
        this.delivery = delivery;
        // Every instance adds the same configuration; the grid keeps one and accepts equal ones.
        grid.getConfig().addRingBufferConfig(new RingbufferConfig(RINGBUFFER)
                .setCapacity(capacity).setBackupCount(1).setAsyncBackupCount(0).setTimeToLiveSeconds(0));
        ring = grid.getRingbuffer(RINGBUFFER);
        state = grid.getMap(STATE);
        readEpoch = joinedEpoch();
        long first = Math.max(ring.headSequence(), readEpoch.markSequence() + 1);
        long tail = ring.tailSequence();
        takeEpoch(delivery, readEpoch, readEpoch.idOf(first) - 1);
        membershipListener = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                memberLost(event.getMember());
            }
        });
        lifecycleListener = grid.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                merged = true;
                CompletableFuture<ReadResultSet<String>> read = pendingRead;
                if (read != null) {
                    read.cancel(true); // the read waits on the ringbuffer of the half that is gone
                }
            }
        });
        long historyUpTo = tail;
        reader = threads.newThread(() -> read(delivery, first, historyUpTo));
        reader.setName("hub-grid-reader");
        reader.start();
        publisher = threads.newThread(this::publish);
        publisher.setName("hub-grid-publisher");
        publisher.start();
    }

    /**
     * The epoch this instance reads in. The first member of a grid begins one; so does any member
     * that finds the grid's record of it lost while the ringbuffer lives on, or the ringbuffer
     * lost under the record: the ids it would number could then name other events.
     */
    private Epoch joinedEpoch() {
        String agreed = state.get(EPOCH);
        long tail = ring.tailSequence();
        if (agreed == null && tail < 0) {
            Epoch first = new Epoch(reserveEpoch(), -1);
            String won = state.putIfAbsent(EPOCH, first.encode());
            return won == null ? first : Epoch.decode(won);
        }
        if (agreed != null && Epoch.decode(agreed).markSequence() <= tail) {
            return Epoch.decode(agreed);
        }
        return beginEpoch(agreed == null ? "the grid lost its record of the epoch" : "the grid lost its ringbuffer");
    }

    /** A span of ids no other epoch has, from the database: its base. */
    private long reserveEpoch() {
        return idStore.reserve(EPOCH_SPAN) - EPOCH_SPAN;
    }

    /** Writes a new epoch's mark into the ringbuffer and records it as the grid's latest. */
    private Epoch beginEpoch(String reason) {
        long base = reserveEpoch();
        long sequence;
        try {
            sequence = ring.addAsync(new EpochMark(base).encode(), OverflowPolicy.OVERWRITE).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an epoch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start an epoch", e.getCause());
        }
        Epoch begun = new Epoch(base, sequence);
        while (true) { // the record only moves forward: a later mark in the ringbuffer wins
            String current = state.get(EPOCH);
            if (current != null && Epoch.decode(current).markSequence() >= sequence) {
                break;
            }
            if (current == null ? state.putIfAbsent(EPOCH, begun.encode()) == null : state.replace(EPOCH, current, begun.encode())) {
                break;
            }
        }
        LOG.log(Level.WARNING, "event=epoch-begins epoch={0} reason=\"{1}\": clients resuming from before it are reset",
                new Object[] {String.valueOf(base), reason});
        return begun;
    }

    /** A member left the grid: unless it said goodbye, the oldest member starts an epoch (on the publisher's thread). */
    private void memberLost(Member member) {
        if (!closing) {
            lostMembers.add(member);
        }
    }

    private boolean saidGoodbye(Member member) {
        try {
            return grid.getMap(LEFT).containsKey(member.getUuid().toString());
        } catch (RuntimeException e) {
            return false; // the grid cannot say: take it as lost
        }
    }

    private boolean oldestMember() {
        return grid.getCluster().getMembers().iterator().next().localMember();
    }

    /** The reader's epoch from now on; older ids are reset, never replayed. */
    private void takeEpoch(Delivery delivery, Epoch taken, long before) {
        enter(taken, before);
        delivery.epochBegins(taken.base(), before, taken.idsUpTo());
    }

    /** The reader's own state for an epoch, ids after {@code before}: the one place it changes. */
    private void enter(Epoch taken, long before) {
        readEpoch = taken;
        ceiling = new IdCeiling(idStore, background, idBlock, taken.idsUpTo());
        epoch = taken.base();
        idsBefore = before;
    }

    @Override
    public void send(EncodedEvent event) {
        if (trouble != null) {
            unpublished.increment(); // the grid is gone: say so at once rather than wait for it
            return;
        }
        GridMessage message = new GridMessage(System.currentTimeMillis(), origin + "-" + tags.incrementAndGet(), event);
        Outgoing item = new Outgoing(message);
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
            // changes committed from now on are never announced here: a client resuming on this
            // instance is reset, whatever its id, rather than told it has caught up
            delivery.epochBegins(epoch, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        }
    }

    /** Whether a failure means the grid is gone for good, not merely busy merging or migrating. */
    private boolean gone(Throwable cause) {
        return cause instanceof HazelcastInstanceNotActiveException && !grid.getLifecycleService().isRunning();
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

    /** The current epoch's base: the same on every member of a grid, new whenever a member is lost or the grid starts afresh. */
    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public int members() {
        try {
            return grid.getCluster().getMembers().size();
        } catch (HazelcastInstanceNotActiveException gone) {
            return 0; // the grid shut down: this instance reaches nobody, itself included
        }
    }

    /** Hazelcast's own answer: no partition is migrating and every backup is in sync. */
    @Override
    public boolean backedUp() {
        try {
            return grid.getPartitionService().isClusterSafe();
        } catch (HazelcastInstanceNotActiveException gone) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "Hazelcast data grid, cluster '" + grid.getConfig().getClusterName() + "', "
                + members() + " member(s) now, ringbuffer '" + RINGBUFFER
                + "' keeping " + capacity + " events, epoch " + epoch + ", ids from " + (idsBefore + 1);
    }

    /** Reads the ringbuffer in order: first the history this instance joined with, then live. */
    private void read(Delivery delivery, long first, long historyFrom) {
        long next = first;
        long historyUpTo = historyFrom;
        while (!closing) {
            if (merged) {
                merged = false;
                long[] restart = takeClusterHistory(delivery);
                next = restart[0];
                historyUpTo = restart[1];
                continue;
            }
            ReadResultSet<String> batch;
            try {
                CompletableFuture<ReadResultSet<String>> read = ring.readManyAsync(next, 1, READ_BATCH, null).toCompletableFuture();
                pendingRead = read;
                if (merged) {
                    continue;
                }
                batch = read.get();
            } catch (CancellationException e) {
                continue; // cancelled by the merge: the loop takes the cluster's history
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StaleSequenceException) {
                    next = fellBehind(delivery, next);
                    continue;
                }
                if (closing) {
                    return;
                }
                if (gone(e.getCause())) {
                    gridGone();
                    return;
                }
                LOG.log(Level.WARNING, "reading the event ringbuffer failed; retrying", e.getCause());
                pause();
                continue;
            } catch (HazelcastInstanceNotActiveException e) {
                if (!closing && gone(e)) {
                    gridGone();
                    return;
                }
                pause();
                continue;
            }
            for (int i = 0; i < batch.readCount(); i++) {
                long sequence = batch.getSequence(i);
                String text = batch.get(i);
                if (EpochMark.is(text)) {
                    long base = EpochMark.decode(text).base();
                    takeEpoch(delivery, new Epoch(base, sequence), base);
                    continue;
                }
                long id = readEpoch.idOf(sequence);
                while (!covered(id)) {
                    if (closing) {
                        return;
                    }
                    pause();
                }
                GridMessage message;
                try {
                    message = GridMessage.decode(text);
                } catch (IllegalArgumentException foreign) {
                    LOG.log(Level.WARNING, "skipping ringbuffer item " + sequence, foreign);
                    continue;
                }
                if (!delivered.add(message.tag())) {
                    // published twice: a retry after a write the grid did take (a member was lost mid-write)
                    LOG.log(Level.FINE, "skipping ringbuffer item {0}: event {1} was delivered already",
                            new Object[] {sequence, message.tag()});
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

    /**
     * This instance read too slowly and the ringbuffer overwrote what it had not read: every
     * session is told, and reading goes on from the oldest item left, in the grid's latest epoch
     * (a mark may have been among what was lost). Returns where to read next.
     */
    private long fellBehind(Delivery delivery, long next) {
        long resumeAt = ring.headSequence();
        LOG.log(Level.WARNING, "event=relay-behind missed={0}: this instance fell behind the grid''s {1} events",
                new Object[] {resumeAt - next, capacity});
        String agreed = state.get(EPOCH);
        Epoch latest = agreed == null ? readEpoch : Epoch.decode(agreed);
        if (latest.markSequence() > readEpoch.markSequence()) {
            resumeAt = Math.max(resumeAt, latest.markSequence() + 1);
            takeEpoch(delivery, latest, latest.idOf(resumeAt) - 1);
        }
        delivery.missed(readEpoch.idOf(resumeAt) - 1, resumeAt - next);
        return resumeAt;
    }

    /**
     * After a merge: the ringbuffer now holds the other half's history. Sessions are told to
     * re-sync (counting the events of that history this instance never delivered), this
     * instance's own events that the history lacks are published again, and the history is read
     * afresh, not live. Returns where to read from and the last item of that history.
     */
    private long[] takeClusterHistory(Delivery delivery) {
        while (!closing) {
            try {
                ring = grid.getRingbuffer(RINGBUFFER);
                String agreed = state.get(EPOCH);
                Epoch cluster = agreed == null ? beginEpoch("the merged grid has no record of the epoch") : Epoch.decode(agreed);
                long head = ring.headSequence();
                long first = Math.max(head, cluster.markSequence() + 1);
                long tail = ring.tailSequence();
                // all the ringbuffer holds, older epochs too: an event of this instance's from
                // before the split may sit there, and must not be published twice
                Set<String> history = new HashSet<>();
                long oldestMillis = Long.MAX_VALUE;
                long missed = 0;
                for (long sequence = head; sequence <= tail; ) {
                    ReadResultSet<String> batch = ring.readManyAsync(sequence, 0, READ_BATCH, null).toCompletableFuture().get();
                    if (batch.readCount() == 0) {
                        break;
                    }
                    for (String text : batch) {
                        if (!EpochMark.is(text)) {
                            GridMessage message = GridMessage.decode(text);
                            oldestMillis = Math.min(oldestMillis, message.firedMillis());
                            missed += history.add(message.tag()) && !delivered.contains(message.tag()) ? 1 : 0;
                        }
                    }
                    sequence = batch.getNextSequenceToReadFrom();
                }
                int again = 0;
                for (GridMessage own : ownEvents.publishedSince(oldestMillis == Long.MAX_VALUE ? 0 : oldestMillis, history)) {
                    if (outgoing.offer(new Outgoing(own))) {
                        again++;
                    } else {
                        unpublished.increment();
                    }
                }
                delivered.clear();
                enter(cluster, cluster.idOf(first) - 1);
                delivery.historyReplaced(cluster.base(), idsBefore, cluster.idsUpTo(), missed);
                LOG.log(Level.WARNING, "event=relay-merged epoch={0} missed={1} republished={2}: this instance''s half merged "
                        + "into the cluster; its sessions re-sync", new Object[] {String.valueOf(cluster.base()), missed, again});
                return new long[] {first, tail};
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new long[] {0, 0};
            } catch (ExecutionException | RuntimeException e) {
                LOG.log(Level.WARNING, "taking the merged grid's history failed; retrying", e);
                pause();
            }
        }
        return new long[] {0, 0};
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

    /**
     * Publishes this instance's events batch after batch, so the grid keeps their commit order,
     * and starts an epoch when a member was lost (before its next batch, so that it is in order).
     */
    private void publish() {
        List<Outgoing> batch = new ArrayList<>(PUBLISH_BATCH);
        List<String> texts = new ArrayList<>(PUBLISH_BATCH);
        while (!closing || !outgoing.isEmpty()) {
            try {
                for (Member lost = lostMembers.poll(); lost != null && !closing; lost = lostMembers.poll()) {
                    String who = "member " + lost.getAddress() + " (" + lost.getUuid() + ")";
                    if (saidGoodbye(lost)) {
                        LOG.info(() -> "event=member-left: " + who + " said goodbye; the epoch goes on");
                    } else if (oldestMember()) {
                        beginEpoch(who + " was lost");
                    }
                }
                if (batch.isEmpty()) {
                    Outgoing first = outgoing.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    outgoing.drainTo(batch, PUBLISH_BATCH - 1);
                    texts.clear();
                    batch.forEach(item -> texts.add(item.message().encode()));
                }
                ring.addAllAsync(texts, OverflowPolicy.OVERWRITE).toCompletableFuture().get();
                for (Outgoing item : batch) {
                    ownEvents.published(item.message());
                    item.published().complete(null);
                }
                batch.clear();
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                }
                return;
            } catch (ExecutionException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (gone(cause)) {
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

    /**
     * Publishes what is still queued (up to two seconds), says goodbye (so that the others start
     * no epoch for this member), then stops reading.
     */
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
        if (grid.getLifecycleService().isRunning()) {
            try {
                if (outgoing.isEmpty()) {
                    grid.getMap(LEFT).put(grid.getCluster().getLocalMember().getUuid().toString(), System.currentTimeMillis(),
                            10, TimeUnit.MINUTES);
                }
                grid.getCluster().removeMembershipListener(membershipListener);
                grid.getLifecycleService().removeLifecycleListener(lifecycleListener);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "the grid went before the relay said goodbye", e);
            }
        }
    }

    /**
     * This instance's own events as it published them, the latest as many as the ringbuffer
     * keeps and within a size bound: after a merge, those the cluster's history lacks are
     * published again. The publisher adds, the reader asks; this class owns the lock between them.
     */
    private static final class OwnEvents {
        private final LinkedHashMap<String, GridMessage> byTag = new LinkedHashMap<>();
        private final int maxCount;
        private final long maxChars;
        private long chars;

        OwnEvents(int maxCount, long maxChars) {
            this.maxCount = Math.max(1, maxCount);
            this.maxChars = maxChars;
        }

        synchronized void published(GridMessage message) {
            if (byTag.put(message.tag(), message) == null) {
                chars += size(message);
            }
            var oldest = byTag.values().iterator();
            while (byTag.size() > maxCount || (chars > maxChars && byTag.size() > 1)) {
                chars -= size(oldest.next());
                oldest.remove();
            }
        }

        private static long size(GridMessage message) {
            return message.event().channel().length() + message.event().tail().length();
        }

        /** In publishing order, those fired at or after {@code sinceMillis} whose tag is not in {@code history}. */
        synchronized List<GridMessage> publishedSince(long sinceMillis, Set<String> history) {
            List<GridMessage> missing = new ArrayList<>();
            for (GridMessage message : byTag.values()) {
                if (message.firedMillis() >= sinceMillis && !history.contains(message.tag())) {
                    missing.add(message);
                }
            }
            return missing;
        }
    }
}
