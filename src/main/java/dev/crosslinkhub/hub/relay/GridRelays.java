package dev.crosslinkhub.hub.relay;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The only place outside {@link GridRelay} that names Hazelcast's types, behind signatures that
 * do not: {@link RelayChoice} calls it only after finding the API, so servers without it never
 * load either class.
 */
final class GridRelays {

    private GridRelays() {
    }

    static boolean running(Object grid) {
        return grid instanceof HazelcastInstance instance && instance.getLifecycleService().isRunning();
    }

    static EventRelay create(Object grid, EventIdStore idStore, Executor background, ThreadFactory threads, int history,
                              long idBlock, RelayLimits limits) {
        return new GridRelay((HazelcastInstance) grid, idStore, background, threads, history, idBlock, limits);
    }
}
