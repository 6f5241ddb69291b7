package dev.crosslinkhub.hub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.crosslinkhub.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The grid relay with a real one-member Hazelcast grid: it carries events while the grid runs;
 * once the grid shuts down under it, it says why (the hub turns not ready), refuses events at once
 * instead of holding each firing thread, and counts every committed event it could not publish.
 */
class GridRelayTest {

    /** The database's id bound, in memory. */
    private static final class Bound extends EventIdStore {
        private long bound;

        @Override
        public synchronized long reservedUpTo() {
            return bound;
        }

        @Override
        public synchronized long raiseTo(long upTo) {
            bound = Math.max(bound, upTo);
            return bound;
        }

        @Override
        public synchronized long reserve(long count) {
            bound += count;
            return bound;
        }
    }

    /** What the relay handed back. */
    private static final class Delivered implements EventRelay.Delivery {
        final List<Long> ids = new CopyOnWriteArrayList<>();
        final List<Long> epochs = new CopyOnWriteArrayList<>();
        final List<Long> idsBefore = new CopyOnWriteArrayList<>();

        @Override
        public void epochBegins(long epoch, long before, long upTo) {
            epochs.add(epoch);
            idsBefore.add(before);
        }

        @Override
        public void historyReplaced(long epoch, long idsBefore, long idsUpTo, long missed) {
            throw new AssertionError("no grid here merges");
        }

        @Override
        public void deliver(long id, EncodedEvent event, long firedNanos, boolean live) {
            ids.add(id);
        }

        @Override
        public void missed(long upToId, long count) {
        }
    }

    private HazelcastInstance grid;
    private GridRelay relay;

    /** A relay on {@code member}: 1000 events kept, id blocks of 100, 100 pending at most, waiting {@code publishWait}. */
    private static GridRelay relayOn(HazelcastInstance member, Bound bound, Duration publishWait) {
        return new GridRelay(member, bound, Runnable::run, Executors.defaultThreadFactory(), 1000, 100,
                new RelayLimits(100, publishWait));
    }

    private static HazelcastInstance oneMemberGrid() {
        return member("grid-relay-test-" + System.nanoTime());
    }

    /** A member of the named grid on loopback; members of one name find each other over TCP. */
    private static HazelcastInstance member(String clusterName) {
        Config config = new Config();
        config.setClusterName(clusterName);
        var tcp = config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true);
        for (int port = 5701; port <= 5710; port++) {
            tcp.addMember("127.0.0.1:" + port);
        }
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        return Hazelcast.newHazelcastInstance(config);
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (grid != null && grid.getLifecycleService().isRunning()) {
            grid.shutdown();
        }
    }

    @Test
    @Timeout(120) // a relay that held each firing thread for its publish wait (ten minutes here) fails, not hangs
    void aGridThatShutsDownUnderTheHubIsSaidAndLaterEventsAreCountedNotWaitedFor() {
        grid = oneMemberGrid();
        relay = relayOn(grid, new Bound(), Duration.ofMinutes(10));
        Delivered delivered = new Delivered();
        relay.start(delivered);

        relay.send(new EncodedEvent("orders", "{\"type\":\"one\"}"));
        Await.until("the event went round the grid", () -> delivered.ids.size() == 1);
        assertNull(relay.trouble());
        assertEquals(0, relay.unpublished());

        grid.shutdown();
        Await.until("the relay says why it cannot carry events", () -> relay.trouble() != null);
        assertNotNull(relay.trouble());
        for (int i = 0; i < 5; i++) {
            relay.send(new EncodedEvent("orders", "{\"type\":\"lost\"}"));
        }
        assertEquals(5, relay.unpublished(), "every event committed after the grid went is counted");
        assertEquals(1, delivered.ids.size());
        assertTrue(delivered.idsBefore.get(delivered.idsBefore.size() - 1) > delivered.ids.get(0) + 1_000_000,
                "a client resuming here is reset from now on, whatever id it has: " + delivered.idsBefore);
    }

    @Test
    @Timeout(120)
    void anEventTheGridHoldsTwiceIsDeliveredOnce() {
        grid = oneMemberGrid();
        relay = relayOn(grid, new Bound(), Duration.ofSeconds(10));
        Delivered delivered = new Delivered();
        relay.start(delivered);
        // what a publisher's retry leaves when the grid had taken the first write after all
        String twice = new GridMessage(System.currentTimeMillis(), "origin-1", new EncodedEvent("orders", "{\"type\":\"once\"}")).encode();
        grid.getRingbuffer(GridRelay.RINGBUFFER).add(twice);
        grid.getRingbuffer(GridRelay.RINGBUFFER).add(twice);
        relay.send(new EncodedEvent("orders", "{\"type\":\"next\"}"));
        Await.until("the next event is delivered", () -> delivered.ids.size() == 2);
        long first = relay.epoch();
        assertEquals(List.of(first + 1, first + 3), delivered.ids, "the copy is skipped; its id names nothing");
    }

    @Test
    @Timeout(180)
    void aMemberLostWithoutGoodbyeStartsAnEpochOfItsOwnIdsWhileOneThatSaysGoodbyeDoesNot() {
        String name = "grid-relay-epochs-" + System.nanoTime();
        Bound bound = new Bound();
        List<HazelcastInstance> members = new ArrayList<>();
        List<GridRelay> relays = new ArrayList<>();
        List<Delivered> deliveries = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add(member(name));
            }
            Await.until("a grid of three", () -> members.get(0).getCluster().getMembers().size() == 3);
            for (HazelcastInstance member : members) {
                GridRelay started = relayOn(member, bound, Duration.ofSeconds(10));
                Delivered delivered = new Delivered();
                started.start(delivered);
                relays.add(started);
                deliveries.add(delivered);
            }
            long first = relays.get(0).epoch();
            relays.get(1).send(new EncodedEvent("orders", "{\"type\":\"before\"}"));
            for (Delivered delivered : deliveries) {
                Await.until("every member delivers the event", () -> delivered.ids.size() == 1);
                assertEquals(List.of(first + 1), delivered.ids, "one id on every member");
            }

            relays.get(2).close(); // a clean stop: it says goodbye, then its grid member leaves
            members.get(2).shutdown();
            Await.until("the survivors see it gone", () -> members.get(0).getCluster().getMembers().size() == 2);
            members.get(1).getLifecycleService().terminate(); // a crash: no goodbye
            Delivered survivor = deliveries.get(0);
            Await.until("the survivor sees the crash", () -> members.get(0).getCluster().getMembers().size() == 1);
            Await.until("the survivor takes a new epoch", () -> survivor.epochs.size() >= 2);
            // the publisher settles every lost member before its next batch: the marks come before this event
            relays.get(0).send(new EncodedEvent("orders", "{\"type\":\"after\"}"));
            Await.until("the survivor delivers the next event", () -> survivor.ids.size() == 2);
            assertEquals(2, survivor.epochs.size(), "one new epoch, for the crash; the member that said goodbye started none: "
                    + survivor.epochs);
            long second = survivor.epochs.get(1);
            assertTrue(second >= first + GridRelay.EPOCH_SPAN, "the new epoch's ids are its own: " + first + " then " + second);
            assertEquals(second, relays.get(0).epoch());
            assertEquals(second, relays.get(0).idsBefore(), "ids of the old epoch are not replayed");
            assertEquals(List.of(first + 1, second + 1), survivor.ids);
        } finally {
            relays.forEach(GridRelay::close);
            members.forEach(member -> member.getLifecycleService().terminate());
        }
    }

    @Test
    @Timeout(180)
    void aMemberThatFindsTheEpochsRecordLostBesideALiveRingbufferStartsAnEpochEveryMemberTakes() {
        String name = "grid-relay-lost-record-" + System.nanoTime();
        Bound bound = new Bound();
        HazelcastInstance first = member(name);
        HazelcastInstance second = null;
        GridRelay firstRelay = null;
        GridRelay secondRelay = null;
        try {
            firstRelay = relayOn(first, bound, Duration.ofSeconds(10));
            Delivered onFirst = new Delivered();
            firstRelay.start(onFirst);
            firstRelay.send(new EncodedEvent("orders", "{\"type\":\"before\"}"));
            Await.until("the first event", () -> onFirst.ids.size() == 1);
            long before = firstRelay.epoch();

            first.getMap("crosslink-hub.state").delete("epoch"); // the record lost, the ringbuffer kept
            second = member(name);
            HazelcastInstance joined = second;
            Await.until("a grid of two", () -> joined.getCluster().getMembers().size() == 2);
            secondRelay = relayOn(second, bound, Duration.ofSeconds(10));
            Delivered onSecond = new Delivered();
            secondRelay.start(onSecond);
            long after = secondRelay.epoch();
            assertTrue(after >= before + GridRelay.EPOCH_SPAN, "a new epoch of its own ids: " + before + " then " + after);
            Await.until("the first member takes it too", () -> onFirst.epochs.size() == 2);
            assertEquals(List.of(before, after), onFirst.epochs);

            firstRelay.send(new EncodedEvent("orders", "{\"type\":\"after\"}"));
            Await.until("both deliver the next event", () -> onFirst.ids.size() == 2 && onSecond.ids.size() == 1);
            assertEquals(after + 1, onFirst.ids.get(1), "numbered in the new epoch");
            assertEquals(onFirst.ids.get(1), onSecond.ids.get(0), "with one id on both members");
        } finally {
            if (secondRelay != null) {
                secondRelay.close();
            }
            if (firstRelay != null) {
                firstRelay.close();
            }
            first.getLifecycleService().terminate();
            if (second != null) {
                second.getLifecycleService().terminate();
            }
        }
    }
}
