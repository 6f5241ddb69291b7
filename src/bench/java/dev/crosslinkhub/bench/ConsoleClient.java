package dev.crosslinkhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A console of the mixed scenario: one {@code /ws} connection subscribed to agents, issues and
 * locks, as a dashboard watching the agents would be. As a {@link ListeningClient} it checks each
 * message's bytes and its {@code seq} as it arrives; it counts events by type, and keeps every
 * {@code lock_changed} with its receipt time; whether each acknowledged lock change arrived exactly
 * once is decided afterwards ({@link LockLedger}), when the agents' own record is complete.
 */
final class ConsoleClient extends ListeningClient {

    /** A {@code lock_changed} as received: {@code agent} is the agent's index in the run. */
    record Sighting(long issueId, int agent, boolean claimed, long receivedNanos) {
    }

    /** This run's agents, by agent_id: an event naming anyone else is an error. */
    private final Map<String, Integer> agents;

    // --- guarded by this ---
    private long lockEvents;
    private long retitles;
    private long comments;
    private long heartbeats;
    /** agent_status per agent of this run: its first heartbeat makes it active, once. */
    private final int[] statusByAgent;
    private long statusChanges;
    /** agent_status of agents of earlier runs, which the hub's sweep turns idle after 5 minutes. */
    private long otherStatusChanges;
    private long otherEvents;
    private final List<Sighting> sightings = new ArrayList<>();
    /** Events (lock, issue and heartbeat) due once the agents stopped; -1 while they work. */
    private long due = -1;

    /** A console reads everything, at once, and expects the answer to its subscribe barrier first. */
    ConsoleClient(int index, Map<String, Integer> agents) {
        super(index, true);
        this.agents = agents;
        this.statusByAgent = new int[agents.size()];
    }

    /** The agents' answers are stamped with the same clock. */
    @Override
    long now() {
        return System.nanoTime();
    }

    @Override
    String who() {
        return "console #" + index;
    }

    @Override
    boolean complete() {
        return due >= 0 && lockEvents + retitles + comments + heartbeats + dropped() >= due;
    }

    /**
     * The agents have stopped and every one of their answers is in: {@code events} lock, issue
     * and heartbeat events are due. The hub queues an event before its request answers, so they
     * are all on their way by now.
     */
    synchronized void expect(long events) {
        due = events;
        checkDone(now());
    }

    // ---------------------------------------------------------------- checking

    /** The event's keys come in byte order after seq, so the first one tells its type. */
    @Override
    void onEvent(WireCursor in, String text, long now) throws WireCursor.WireFormatException {
        in.expect(",\"");
        if (in.peek("action\":\"")) {
            onLockChanged(in, now);
        } else if (in.peek("field\":\"")) {
            onIssueUpdated(in);
        } else if (in.peek("active_issue_id\":")) {
            in.expect("active_issue_id\":");
            in.number();
            in.expect(",\"agent_id\":\"");
            onHeartbeat(in.until('"'), in);
        } else if (in.peek("agent_id\":\"")) {
            in.expect("agent_id\":\"");
            String agentId = in.until('"');
            if (in.peek("\",\"status\":\"")) {
                onAgentStatus(agentId, in);
            } else {
                onHeartbeat(agentId, in);
            }
        } else {
            otherEvents++;
            fail("an event no agent caused: " + WireCursor.abbreviate(text));
        }
    }

    /** The rest of an agent_status after its agent_id. */
    private void onAgentStatus(String agentId, WireCursor in) throws WireCursor.WireFormatException {
        in.expect("\",\"status\":\"");
        String status = in.until('"');
        in.expect("\",\"type\":\"agent_status\"}");
        in.end();
        Integer agent = agents.get(agentId);
        if (agent == null) {
            otherStatusChanges++;
            return;
        }
        statusChanges++;
        statusByAgent[agent]++;
        if (!status.equals("active")) {
            fail("agent_status '" + status + "' of " + agentId + ", which heartbeats all the time");
        }
    }

    /** The rest of a heartbeat after its agent_id. */
    private void onHeartbeat(String agentId, WireCursor in) throws WireCursor.WireFormatException {
        requireAgent(agentId, "heartbeat");
        in.expect("\",\"timestamp\":\"");
        in.instantNanos();
        in.expect("\",\"type\":\"heartbeat\"}");
        in.end();
        heartbeats++;
    }

    private void onLockChanged(WireCursor in, long now) throws WireCursor.WireFormatException {
        in.expect("action\":\"");
        String action = in.until('"');
        in.expect("\",\"agent_id\":\"");
        String agentId = in.until('"');
        in.expect("\",\"issue_id\":");
        long issueId = in.number();
        in.expect(",\"type\":\"lock_changed\"}");
        in.end();
        lockEvents++;
        boolean claimed = action.equals("claimed");
        if (!claimed && !action.equals("released")) {
            fail("lock_changed with action '" + action + "'");
            return;
        }
        Integer agent = requireAgent(agentId, "lock_changed");
        if (agent != null) {
            sightings.add(new Sighting(issueId, agent, claimed, now));
        }
    }

    private void onIssueUpdated(WireCursor in) throws WireCursor.WireFormatException {
        in.expect("field\":\"");
        String field = in.until('"');
        in.expect("\",\"issue_id\":");
        long issueId = in.number();
        in.expect(",\"type\":\"issue_updated\"}");
        in.end();
        switch (field) {
            case "updated" -> retitles++;
            case "comments" -> comments++;
            default -> {
                otherEvents++;
                fail("issue_updated field '" + field + "' of issue " + issueId + ", which no agent does");
            }
        }
    }

    private Integer requireAgent(String agentId, String what) {
        Integer agent = agents.get(agentId);
        if (agent == null) {
            fail(what + " of '" + agentId + "', not an agent of this run");
        }
        return agent;
    }

    // ---------------------------------------------------------------- results

    /** What this console saw, as of now. */
    synchronized Result snapshot() {
        int notAnnouncedOnce = 0;
        for (int n : statusByAgent) {
            if (n != 1) {
                notAnnouncedOnce++;
            }
        }
        return new Result(index, account(), lockEvents, retitles, comments, heartbeats, statusChanges,
                notAnnouncedOnce, otherStatusChanges, otherEvents, List.copyOf(sightings));
    }

    record Result(int index, Account account, long lockEvents, long retitles, long comments, long heartbeats,
                  long statusChanges, int agentsNotActiveOnce, long otherStatusChanges, long otherEvents,
                  List<Sighting> sightings) {

        long events() {
            return lockEvents + retitles + comments + heartbeats + statusChanges + otherStatusChanges + otherEvents;
        }
    }
}
