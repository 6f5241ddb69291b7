package dev.crosslinkhub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The checks of a cluster run's client, fed by hand: each instance's heartbeats once and in its
 * order, interleaved any way; a duplicate, a reorder or a missing event is caught, and a gap only
 * relaxes each instance's order to "moves on". A checker that cannot fail proves nothing.
 */
class BenchClientTest {

    private static final String STAMP = "2026-11-25T11:00:00.123456Z";

    private int seq;

    private BenchClient client(int... events) {
        seq = 0;
        return new BenchClient(0, 0, false, BenchClient.Expect.HEARTBEAT, new Origins("bench-run-1", events), false, null, 1);
    }

    private void heartbeat(BenchClient client, int instance, long id) {
        String agent = "bench-run-1-" + instance;
        client.onText(null, "{\"seq\":" + (++seq) + ",\"active_issue_id\":" + id + ",\"agent_id\":\"" + agent
                + "\",\"timestamp\":\"" + STAMP + "\",\"type\":\"heartbeat\"}", true);
    }

    private void gap(BenchClient client, long dropped) {
        client.onText(null, "{\"dropped\":" + dropped + ",\"seq\":" + (++seq) + ",\"type\":\"gap\"}", true);
    }

    @Test
    void acceptsEveryInstanceOnceInItsOrderInterleavedAnyWay() {
        BenchClient client = client(3, 2);
        heartbeat(client, 2, 1);
        heartbeat(client, 1, 1);
        heartbeat(client, 1, 2);
        heartbeat(client, 2, 2);
        heartbeat(client, 1, 3);
        BenchClient.Result result = client.snapshot();
        assertEquals(0, result.account().failures(), result.account().notes().toString());
        assertEquals(5, result.received());
        assertTrue(client.done.isDone());
        // the client is on instance 1: its three events are local, instance 2's two not
        assertEquals(3, result.localLatency().count());
        assertEquals(2, result.otherLatency().count());
    }

    @Test
    void catchesADuplicate() {
        BenchClient client = client(2, 2);
        heartbeat(client, 1, 1);
        heartbeat(client, 2, 1);
        heartbeat(client, 2, 1);
        assertEquals(1, client.snapshot().account().failures(), client.snapshot().account().notes().toString());
        assertTrue(client.snapshot().account().notes().get(0).contains("active_issue_id 1 of instance 2 after 1"));
    }

    @Test
    void catchesAReorderWithinAnInstance() {
        BenchClient client = client(3, 1);
        heartbeat(client, 1, 2);
        heartbeat(client, 2, 1);
        heartbeat(client, 1, 1);
        heartbeat(client, 1, 3);
        assertTrue(client.snapshot().account().failures() >= 2, client.snapshot().account().notes().toString());
    }

    @Test
    void leavesAMissingEventUnaccounted() {
        BenchClient client = client(2, 2);
        heartbeat(client, 1, 1);
        heartbeat(client, 1, 2);
        heartbeat(client, 2, 2);
        assertEquals(1, client.snapshot().account().failures(), "2 of instance 2 without its 1");
        assertFalse(client.done.isDone(), "3 of 4 events accounted");
    }

    @Test
    void aGapLetsEachInstanceMoveOnButNotBack() {
        BenchClient client = client(3, 3);
        heartbeat(client, 1, 1);
        heartbeat(client, 2, 1);
        gap(client, 2);
        heartbeat(client, 2, 3);
        heartbeat(client, 1, 3);
        BenchClient.Result result = client.snapshot();
        assertEquals(0, result.account().failures(), result.account().notes().toString());
        assertTrue(client.done.isDone());

        BenchClient back = client(3, 3);
        heartbeat(back, 1, 2);
        gap(back, 1);
        heartbeat(back, 1, 2);
        assertEquals(2, back.snapshot().account().failures(), back.snapshot().account().notes().toString()); // 2 before 1, then 2 again
    }

    @Test
    void refusesAnAgentOfNoInstance() {
        BenchClient client = client(1, 1);
        heartbeat(client, 3, 1);
        assertEquals(1, client.snapshot().account().failures());
    }

    @Test
    void slowClientsAreSpreadOverTheInstances() {
        Scenario slow = new Scenario("slow", Scenario.Kind.IN_PROCESS, 100, 2000, 100, 10, true, 0);
        for (int instances = 1; instances <= 4; instances++) {
            int[] perInstance = new int[instances];
            java.util.Set<Integer> places = new java.util.HashSet<>();
            for (int i = 0; i < 100; i++) {
                int place = EventRun.place(i, 100, instances);
                places.add(place);
                if (slow.isSlowClient(place)) {
                    perInstance[i % instances]++;
                }
            }
            assertEquals(100, places.size(), "every client has its own place");
            assertEquals(10, java.util.Arrays.stream(perInstance).sum());
            for (int n : perInstance) {
                assertTrue(n >= 10 / instances && n <= 10 / instances + 1, java.util.Arrays.toString(perInstance));
            }
        }
        assertEquals(37, EventRun.place(37, 100, 1), "one server: the client's own index");
    }

    @Test
    void oneServerKeepsItsExactAccountOfGaps() {
        seq = 0;
        BenchClient client = new BenchClient(0, 0, false, BenchClient.Expect.HEARTBEAT, Origins.single("bench-run-1", 4), false, null, 1);
        client.onText(null, "{\"seq\":1,\"active_issue_id\":1,\"agent_id\":\"bench-run-1\",\"timestamp\":\"" + STAMP + "\",\"type\":\"heartbeat\"}", true);
        client.onText(null, "{\"dropped\":1,\"seq\":2,\"type\":\"gap\"}", true);
        client.onText(null, "{\"seq\":3,\"active_issue_id\":4,\"agent_id\":\"bench-run-1\",\"timestamp\":\"" + STAMP + "\",\"type\":\"heartbeat\"}", true);
        assertEquals(1, client.snapshot().account().failures(), "4 after 1 and a gap of 1: 3 was due");
    }
}
