package dev.crosslinkhub.hub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.crosslinkhub.support.Await;
import java.time.Duration;
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
    }

    /** What the relay handed back. */
    private static final class Delivered implements EventRelay.Delivery {
        final List<Long> ids = new CopyOnWriteArrayList<>();

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

    private static HazelcastInstance oneMemberGrid() {
        Config config = new Config();
        config.setClusterName("grid-relay-test-" + System.nanoTime());
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
        relay = new GridRelay(grid, new Bound(), Runnable::run, Executors.defaultThreadFactory(), 1000, 100,
                new RelayLimits(100, Duration.ofMinutes(10)));
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
    }
}
