package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.conformance.FuzzedConnection.Outcome;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.HubClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random and mutated frames from one seed ({@code -Dfuzz.seed} to replay one), over a new
 * connection whenever the server ends one: valid messages, fragments, control frames, frames with
 * a bit, an opcode, the mask or a byte changed, and connections ended by every kind of violation,
 * a close, a flood or a vanished client. {@link ProtocolModel} says what RFC 6455 has the server
 * do with each frame; afterwards the hub is up, every close carried a documented code, the
 * sessions are all freed and the refused-frames counter went up by the refusals the clients were
 * told of, and by at most one more for each connection that ended with an answer possibly in flight.
 */
class FrameFuzzIT extends ConformanceCase {

    /** Endings (FuzzedConnection's outcomes) that come only after a barrier was answered: nothing was in flight. */
    private static final Set<String> QUIESCED_ENDINGS = Set.of("client TCP close", "client reset mid-frame", "flood absorbed, client close");

    private static final long SEED = Long.getLong("fuzz.seed", 6455L);
    private static final long FRAMES = Long.getLong("fuzz.frames", 10_000L);
    /** Connections at a time: each paced under the hub's per-connection rate, and far under hub.ws.max-connections-per-address (40 in tests). */
    private static final int AT_ONCE = 8;

    @Test
    void randomAndMutatedFramesLeaveTheHubServingAndEveryEndingDocumented() throws Exception {
        System.out.println("[fuzz] seed " + SEED + " (-Dfuzz.seed=" + SEED + " replays it), " + FRAMES + " frames, " + server());
        long refusedBefore = api.metric("crosslink_hub_refused_frames_total");
        long failuresBefore = api.metric("crosslink_hub_session_failures_total");

        AtomicLong sent = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < AT_ONCE; w++) {
            workers.add(pool.submit(() -> {
                while (sent.get() < FRAMES) {
                    outcomes.add(new FuzzedConnection(api.webSocketUri(), SEED, next.getAndIncrement(), sent,
                            unmaskedFramesRead()).run());
                }
                return null;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the fuzzer did not finish");
        for (Future<?> worker : workers) {
            worker.get(); // a worker's failure (a refused upgrade, say) fails the test
        }

        Map<String, Integer> tally = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long refusals = 0;
        for (Outcome outcome : outcomes) {
            tally.merge(outcome.tally(), 1, Integer::sum);
            outcome.problems().forEach(problem -> problems.add("connection " + outcome.index() + ": " + problem));
            refusals += outcome.refusals();
        }
        System.out.println("[fuzz] " + server() + ": " + sent.get() + " frames over " + outcomes.size() + " connections");
        tally.forEach((what, count) -> System.out.println("[fuzz] " + server() + " | " + what + " | " + count));
        problems.forEach(problem -> System.out.println("[fuzz] " + server() + " problem: " + problem));

        Await.until(SESSIONS + " back to where the fuzzer started", Duration.ofSeconds(30),
                () -> api.metric(SESSIONS) == sessionsBefore());
        long counted = api.metric("crosslink_hub_refused_frames_total") - refusedBefore; // before the witness' own barrier
        try (HubClient witness = HubClient.connect(api.webSocketUri())) {
            witness.subscribe("locks").barrier();
            api.post("api/v1/locks/notify", "{\"issue_id\":5,\"action\":\"claimed\",\"agent_id\":\"after-fuzz\"}");
            witness.awaitContaining("\"agent_id\":\"after-fuzz\"");
        }
        System.out.println("[fuzz] " + server() + ": the clients were told of " + refusals + " refusals, the hub counted "
                + counted + "; sessions the hub failed itself (1011): "
                + (api.metric("crosslink_hub_session_failures_total") - failuresBefore));
        assertEquals(List.of(), problems, "seed " + SEED);
        // The hub counts a refusal as it reads the message; its error frame waits in the session's
        // queue. When the connection then ends before the fuzzer could quiesce (a close or a broken
        // frame inside a fragmented message, a flood), that frame goes with the session: each such
        // ending may leave one refusal untold.
        long unquiesced = outcomes.stream().filter(outcome -> !QUIESCED_ENDINGS.contains(outcome.expected())).count();
        assertTrue(counted >= refusals && counted <= refusals + unquiesced, "the hub counted " + counted + " refusals, its error frames told of "
                + refusals + ", and " + unquiesced + " endings may each leave one untold (seed " + SEED + ")");
    }
}
