package dev.crosslinkhub.bench;

import java.util.List;
import java.util.Locale;

/**
 * One load scenario.
 *
 * @param name               its name on the command line
 * @param kind               how events are produced (or none, for idle connections)
 * @param clients            WebSocket clients
 * @param events             events fired
 * @param rate               events per second for in-process firing; 0 = as fast as possible
 * @param slowClients        clients that stop reading while the events are fired
 * @param fastMustBeComplete whether a reading client that lags (gets a gap) fails the run;
 *                           elsewhere lagging is a measured figure (a warning), not a failure
 * @param padding            characters added to the agent_id, to make each message that much bigger
 * @param mixed              the agents of a {@link Kind#MIXED} scenario; null for the others
 */
record Scenario(String name, Kind kind, int clients, int events, int rate, int slowClients,
                boolean fastMustBeComplete, int padding, MixedLoad mixed) {

    /**
     * The REST load of the mixed scenario: {@code agents} threads, each looping for
     * {@code seconds} over claim, update, comment, release (heartbeats now and then) on issues
     * picked at random from a pool of {@code issues}, created before each run.
     */
    record MixedLoad(int agents, int seconds, int issues) {
    }

    /** A scenario without agents. */
    Scenario(String name, Kind kind, int clients, int events, int rate, int slowClients,
             boolean fastMustBeComplete, int padding) {
        this(name, kind, clients, events, rate, slowClients, fastMustBeComplete, padding, null);
    }

    enum Kind {
        /** {@code POST /api/v1/bench/fire}: heartbeats fired inside the server. */
        IN_PROCESS,
        /** {@code POST /api/v1/locks/notify} from concurrent HTTP senders: lock_changed on channel locks. */
        REST,
        /** Connections that receive nothing: server memory per connection. */
        IDLE,
        /** Agents working through the REST API while consoles watch every channel. */
        MIXED,
        /** Connect/disconnect cycles ({@code events} of them, {@code clients} at a time): what the server keeps afterwards. */
        CHURN
    }

    static final List<Scenario> CATALOG = List.of(
            new Scenario("fanout-100x2000", Kind.IN_PROCESS, 100, 2000, 0, 0, false, 0),
            new Scenario("fanout-1000x200", Kind.IN_PROCESS, 1000, 200, 0, 0, false, 0),
            new Scenario("latency-100@1000", Kind.IN_PROCESS, 100, 5000, 1000, 0, false, 0),
            // REST-triggered: what an agent team does, POST /locks/notify with at most --senders (32) in flight
            new Scenario("rest-100x2000", Kind.REST, 100, 2000, 0, 0, true, 0),
            new Scenario("rest-1000x200", Kind.REST, 1000, 200, 0, 0, true, 0),
            new Scenario("rest-latency-100@1000", Kind.REST, 100, 5000, 1000, 0, true, 0),
            // 10 clients read nothing while 5000 notifies of ~2.2 KB are posted as fast as possible:
            // the 90 others must get every event, and what the stalled ones cost must stay bounded
            // (--slow N: twice the hub's sender threads, say)
            new Scenario("rest-stall-10-of-100", Kind.REST, 100, 5000, 0, 10, true, 2048),
            // Slow clients stop reading from the start. A stalled connection absorbs ~12 MB (the
            // server's 4 MB socket send buffer and ~8 MB more above it) before the hub's own queue
            // sees its send stall, so small events never overflow it (20000 heartbeats of 130 bytes
            // are 2.6 MB). 8 KB messages fill it after ~1440 events; the other ~560 arrive while
            // the send is stalled (~5.6 s, under the hub's 10 s eviction) and overflow the
            // 256-message queue, at a rate the 90 reading clients can take.
            new Scenario("slow-10-of-100", Kind.IN_PROCESS, 100, 2000, 100, 10, true, 8192),
            new Scenario("idle-10000", Kind.IDLE, 10000, 0, 0, 0, false, 0),
            // 100,000 connect/disconnect cycles, 200 at a time: clean close, TCP reset, close in the
            // middle of a 48 KB message, refused by the per-address limit (a quarter each); the
            // hub's tables must empty, heap after GC stay within 10 MB and RSS within 50 MB
            new Scenario("churn-100000", Kind.CHURN, 200, 100_000, 0, 0, true, 0),
            // 50 agents for 20 s on 200 issues: each holds at most one lock, so up to a quarter of
            // the pool is held at a time and about one random pick in five finds it taken (409).
            new Scenario("mixed", Kind.MIXED, 20, 0, 0, 0, false, 0, new MixedLoad(50, 20, 200)));

    static List<String> names() {
        return CATALOG.stream().map(Scenario::name).toList();
    }

    static List<Scenario> select(String name) {
        if (name.equalsIgnoreCase("all")) {
            return CATALOG;
        }
        return CATALOG.stream()
                .filter(scenario -> scenario.name.equalsIgnoreCase(name))
                .findFirst()
                .map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'"));
    }

    /** This scenario with the command line's overrides applied. */
    Scenario withOverrides(BenchOptions options) {
        int c = options.clients != null ? options.clients : clients;
        int e = options.events != null ? options.events : events;
        int r = options.rate != null ? options.rate : rate;
        int s = slowClients;
        if (options.slowClients != null && slowClients > 0) {
            s = options.slowClients;
        }
        if (kind == Kind.IDLE || kind == Kind.MIXED) {
            e = 0; // nothing is fired: the idle get nothing, the mixed scenario's events come from its agents
        }
        int p = options.padding != null ? options.padding : padding;
        MixedLoad m = mixed;
        if (m != null) {
            m = new MixedLoad(options.agents != null ? options.agents : m.agents(),
                    options.durationSeconds != null ? options.durationSeconds : m.seconds(),
                    options.issues != null ? options.issues : m.issues());
        }
        return new Scenario(name, kind, c, e, r, Math.min(s, c), fastMustBeComplete, p, m);
    }

    boolean isSlowClient(int index) {
        if (slowClients <= 0) {
            return false;
        }
        // spread over the fleet: every (clients/slow)-th client, counted from 0
        int stride = Math.max(1, clients / slowClients);
        return index % stride == 0 && index / stride < slowClients;
    }

    /** The agent_id of a run's events: the run's name, padded to make the messages bigger. */
    String agentId(int runNumber) {
        String id = "bench-run-" + runNumber;
        return padding <= 0 ? id : id + "-" + "x".repeat(padding);
    }

    String describeLoad() {
        String size = padding > 0 ? " (agent_id padded by " + padding + " chars: ~" + (padding + 130) + "-byte messages)" : "";
        return switch (kind) {
            case IN_PROCESS -> events + " heartbeats fired in-process " + (rate == 0 ? "at full speed" : "at " + rate + "/s") + size;
            case REST -> events + " lock_changed through POST /api/v1/locks/notify " + (rate == 0 ? "as fast as possible" : "at " + rate + "/s") + size;
            case IDLE -> "none (idle connections)";
            case CHURN -> String.format(Locale.ROOT, "%,d connect/disconnect cycles, %d at a time: clean close, TCP reset,"
                    + " close mid-message, refused by the per-address limit (a quarter each)", events, clients);
            case MIXED -> String.format(Locale.ROOT,
                    "%d agents for %d s on a pool of %d issues: claim, PATCH, comment, release; heartbeats at start and every %d claims",
                    mixed.agents(), mixed.seconds(), mixed.issues(), MixedAgent.HEARTBEAT_EVERY);
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d clients, %d events)", name, clients, events);
    }
}
