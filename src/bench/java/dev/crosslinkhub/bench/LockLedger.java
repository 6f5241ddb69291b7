package dev.crosslinkhub.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every lock change the hub acknowledged in a mixed run, to hold each console's
 * {@code lock_changed} events against. An event is identified by issue, action and agent; the
 * same agent may claim the same issue more than once in a run, so the k-th event with that
 * identity is the agent's k-th acknowledged change with it (an agent's changes are one after the
 * other, and the hub keeps one order for all its sessions).
 */
final class LockLedger {

    /** One console's events held against the ledger. */
    static final class Match {
        long matched;
        long missing;
        long duplicated;
        /** Events whose change no agent had acknowledged (a claim whose answer never came, say). */
        long unknown;
        /** Events of one agent in another order than its changes were acknowledged. */
        long outOfOrder;
        /** Events that arrived before their request's HTTP answer (the hub queues them first). */
        long earlyClaimed;
        long earlyReleased;
        long earliestMicros;
        final LatencyHistogram claimed = new LatencyHistogram();
        final LatencyHistogram released = new LatencyHistogram();
    }

    /** Per identity, in order: {when its acknowledgement arrived, its position among the agent's changes}. */
    private final Map<Long, List<long[]>> byIdentity = new HashMap<>();
    private final int agents;
    private long changes;

    LockLedger(List<MixedAgent> agents) {
        this.agents = agents.size();
        for (MixedAgent agent : agents) {
            List<MixedAgent.LockChange> list = agent.changes;
            for (int ordinal = 0; ordinal < list.size(); ordinal++) {
                MixedAgent.LockChange change = list.get(ordinal);
                byIdentity.computeIfAbsent(identity(change.issueId(), agent.index, change.claimed()), key -> new ArrayList<>())
                        .add(new long[] {change.answeredNanos(), ordinal});
                changes++;
            }
        }
    }

    long changes() {
        return changes;
    }

    /**
     * Holds one console's events against the ledger: each acknowledged change seen exactly once,
     * in its agent's order; fan-out latency from the answer to the receipt, clamped at 0.
     */
    Match match(List<ConsoleClient.Sighting> sightings) {
        Match match = new Match();
        Map<Long, Integer> seen = new HashMap<>();
        long[] lastOrdinal = new long[agents];
        java.util.Arrays.fill(lastOrdinal, -1);
        for (ConsoleClient.Sighting sighting : sightings) {
            long key = identity(sighting.issueId(), sighting.agent(), sighting.claimed());
            int occurrence = seen.merge(key, 1, Integer::sum) - 1;
            List<long[]> acks = byIdentity.get(key);
            if (acks == null) {
                match.unknown++;
                continue;
            }
            if (occurrence >= acks.size()) {
                match.duplicated++;
                continue;
            }
            long[] ack = acks.get(occurrence);
            match.matched++;
            if (ack[1] < lastOrdinal[sighting.agent()]) {
                match.outOfOrder++;
            }
            lastOrdinal[sighting.agent()] = Math.max(lastOrdinal[sighting.agent()], ack[1]);
            long micros = (sighting.receivedNanos() - ack[0]) / 1000;
            if (sighting.receivedNanos() < ack[0]) {
                if (sighting.claimed()) {
                    match.earlyClaimed++;
                } else {
                    match.earlyReleased++;
                }
                match.earliestMicros = Math.max(match.earliestMicros, -micros);
                micros = 0;
            }
            (sighting.claimed() ? match.claimed : match.released).record(micros);
        }
        for (Map.Entry<Long, List<long[]>> entry : byIdentity.entrySet()) {
            match.missing += Math.max(0, entry.getValue().size() - seen.getOrDefault(entry.getKey(), 0));
        }
        return match;
    }

    /** Issue, agent and action in one key: agents below 2^19, issue ids below 2^44. */
    private static long identity(long issueId, int agent, boolean claimed) {
        return issueId << 20 | (long) agent << 1 | (claimed ? 1 : 0);
    }
}
