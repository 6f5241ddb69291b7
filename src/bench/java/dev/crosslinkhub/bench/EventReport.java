package dev.crosslinkhub.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures and check results of one repetition of an event scenario, and their printout. A
 * run against one server prints as it always did; a cluster's names its instances and shows
 * their figures side by side.
 */
final class EventReport implements RunReport {

    private static final int MAX_PRINTED_NOTES = 10;

    final Scenario scenario;
    final String label;
    final String agentId;
    final int instances;

    int opened;
    final int[] openedByInstance;
    final int[] slowByInstance;
    long openMillis;
    int registeredSessions;
    final int[] registeredByInstance;
    /** Each instance's firing, in instance order; null where its call failed, and for the REST scenario. */
    List<HubApi.FireResult> fires;
    RestFirer.Result rest;
    long fireStartNanos;
    long fireEndNanos;
    long resumeNanos;
    long allDoneNanos;
    int notDoneAtDeadline;
    int closed;
    int aborted;
    long settleMillis;
    int sessionsAfter;
    int senders;
    CpuMeter cpuMeter;
    CpuMeter.Sample cpuStart;
    CpuMeter.Sample cpuEnd;
    int deadlineSeconds;

    // figures from the clients
    long totalMessages;
    long totalEvents;
    long lastReceiptNanos;
    final LatencyHistogram fastLatency = new LatencyHistogram();
    final LatencyHistogram slowLatency = new LatencyHistogram();
    /** In a cluster, the reading clients' latency of events fired on their own instance, and of the others' (both cross the grid). */
    final LatencyHistogram localLatency = new LatencyHistogram();
    final LatencyHistogram otherLatency = new LatencyHistogram();
    final Group fast = new Group();
    final Group slow = new Group();
    final List<String> warnings = new ArrayList<>();

    private long failures;
    private int noBackPressure;
    private final List<String> notes = new ArrayList<>();

    /** Counts of one kind of client (those that read all along, or those that stopped). */
    static final class Group {
        int clients;
        int complete;
        int lagged;
        int evicted;
        int endedOtherwise;
        int incomplete;
        long received;
        long gaps;
        long dropped;
        long slowestCompletionNanos;
        final Map<String, Integer> closeReasons = new HashMap<>();
        final Map<String, Integer> evictionReasons = new HashMap<>();
        final List<String> evictedNotes = new ArrayList<>();

        long accountedPercentTimes10(long events) {
            long expected = clients * events;
            return expected == 0 ? 1000 : (received + dropped) * 1000 / expected;
        }
    }

    EventReport(Scenario scenario, String label, String agentId, int instances) {
        this.scenario = scenario;
        this.label = label;
        this.agentId = agentId;
        this.instances = instances;
        this.openedByInstance = new int[instances];
        this.slowByInstance = new int[instances];
        this.registeredByInstance = new int[instances];
    }

    void fail(String what) {
        failures++;
        note(what);
    }

    void note(String what) {
        notes.add(what);
    }

    @Override
    public long checksFailed() {
        return failures;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    void analyse(List<BenchClient.Result> results, int deadlineSeconds) {
        long events = scenario.events();
        Long referenceOrder = null;
        int referenceClient = -1;
        for (BenchClient.Result r : results) {
            totalMessages += r.messages();
            totalEvents += r.received();
            lastReceiptNanos = Math.max(lastReceiptNanos, r.lastReceiptNanos());
            (r.slow() ? slowLatency : fastLatency).add(r.latency());
            if (!r.slow()) {
                localLatency.add(r.localLatency());
                otherLatency.add(r.otherLatency());
            }
            if (r.failures() > 0) {
                failures += r.failures();
                notes.addAll(r.notes());
                if (r.failures() > r.notes().size()) {
                    notes.add("client #" + r.index() + ": " + (r.failures() - r.notes().size()) + " more failed checks");
                }
            }
            Group group = r.slow() ? slow : fast;
            group.clients++;
            group.received += r.received();
            group.gaps += r.gaps();
            group.dropped += r.dropped();
            boolean accounted = r.received() + r.dropped() == events;
            if (accounted) {
                group.slowestCompletionNanos = Math.max(group.slowestCompletionNanos, r.completedNanos());
            }
            String who = "client #" + r.index() + (r.slow() ? " (slow)" : "");
            if (accounted && r.gaps() == 0) {
                group.complete++;
            } else if (accounted) {
                group.lagged++;
            } else if (r.evicted()) {
                group.evicted++;
            } else if (r.endedByServer()) {
                group.endedOtherwise++;
                group.closeReasons.merge(r.error() != null ? r.error().getClass().getName() : String.valueOf(r.closeCode()),
                        1, Integer::sum);
                fail(who + " was ended after " + r.received() + " events (+" + r.dropped()
                        + " dropped) without the hub's 1013 close: " + r.ending());
            } else {
                group.incomplete++;
                fail(who + " accounted for only " + (r.received() + r.dropped()) + " of " + events + " events (received "
                        + r.received() + ", dropped " + r.dropped() + ") " + deadlineSeconds + " s after firing ended");
            }
            if (r.evicted()) {
                group.evictedNotes.add(String.format(Locale.ROOT, "#%d after %,d events + %,d dropped", r.index(), r.received(), r.dropped()));
                group.evictionReasons.merge(r.closeReason(), 1, Integer::sum);
            }
            if (r.slow() && accounted && r.dropped() == 0) {
                noBackPressure++;
            }
            // the hub gives every client one order of all events: REST senders' events interleave, and so
            // do a cluster's instances'; clients that lost nothing must all have seen the same order
            if ((scenario.kind() == Scenario.Kind.REST || instances > 1) && accounted && r.gaps() == 0) {
                if (referenceOrder == null) {
                    referenceOrder = r.orderHash();
                    referenceClient = r.index();
                } else if (referenceOrder != r.orderHash()) {
                    fail(who + (instances > 1 ? " on instance " + (r.instance() + 1) : "")
                            + " saw the events in another order than client #" + referenceClient);
                }
            }
        }
        for (Group group : List.of(fast, slow)) {
            if (group.evictedNotes.isEmpty()) {
                continue;
            }
            String what = String.format(Locale.ROOT, "%d %s clients were evicted by the server with close 1013 %s: %s%s",
                    group.evictedNotes.size(), group == fast ? "reading" : "slow", group.evictionReasons,
                    String.join(", ", group.evictedNotes.subList(0, Math.min(5, group.evictedNotes.size()))),
                    group.evictedNotes.size() > 5 ? ", …" : "");
            if (group == fast && scenario.fastMustBeComplete()) {
                failures += group.evictedNotes.size();
                notes.add(what);
            } else {
                warnings.add(what);
            }
        }
        if (fast.lagged > 0) {
            String what = String.format(Locale.ROOT,
                    "%d of %d clients that read continuously lagged: %,d gap notices, %,d events dropped (%.1f%% of what they were due) — the hub did not keep up",
                    fast.lagged, fast.clients, fast.gaps, fast.dropped, 100.0 * fast.dropped / Math.max(1, (long) fast.clients * events));
            if (scenario.fastMustBeComplete()) {
                failures += fast.lagged;
                notes.add(what);
            } else {
                warnings.add(what);
            }
        }
        if (noBackPressure > 0) {
            failures += noBackPressure;
            notes.add(noBackPressure + " slow clients stopped reading yet lost nothing: back-pressure was not reached (fire more or bigger events)");
        }
        long negative = fastLatency.negative() + slowLatency.negative();
        if (negative > 0) {
            warnings.add(negative + " latencies were negative (receipt before the fire stamp): clock problem");
        }
    }

    // ---------------------------------------------------------------- figures for the summary

    double deliveredPerSecond() {
        double seconds = (lastReceiptNanos - fireStartNanos) / 1e9;
        return lastReceiptNanos == 0 || seconds <= 0 ? 0 : totalMessages / seconds;
    }

    long gaps() {
        return fast.gaps + slow.gaps;
    }

    long dropped() {
        return fast.dropped + slow.dropped;
    }

    @Override
    public String summaryRow() {
        LatencyHistogram h = fastLatency;
        return String.format(Locale.ROOT, "%13s %9s %9s %9s %10s %11s",
                String.format(Locale.ROOT, "%,.0f", deliveredPerSecond()),
                ms(h.percentileMicros(50)), ms(h.percentileMicros(99)), ms(h.maxMicros()),
                String.format(Locale.ROOT, "%,d", gaps()), String.format(Locale.ROOT, "%,d", dropped()))
                + serverCost()
                + (rest != null ? String.format(Locale.ROOT, "  (%,.0f req/s)", rest.requestsPerSecond()) : "")
                + (slow.clients > 0 ? String.format(Locale.ROOT, "  (reading: %d/%d complete)", fast.complete, fast.clients) : "");
    }

    private String serverCost() {
        double micros = CpuMeter.serverMicrosPerMessage(cpuStart, cpuEnd, totalMessages);
        return micros < 0 ? "" : String.format(Locale.ROOT, " %10.0f", micros);
    }

    @Override
    public String oneLine() {
        return String.format(Locale.ROOT, "%s: %,.0f msg/s, latency p50 %s ms, p99 %s ms, max %s ms, %,d gaps, %,d dropped, checks failed %d",
                label, deliveredPerSecond(), ms(fastLatency.percentileMicros(50)), ms(fastLatency.percentileMicros(99)),
                ms(fastLatency.maxMicros()), gaps(), dropped(), failures);
    }

    // ---------------------------------------------------------------- printout

    @Override
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%n=== %s · %s%s ===%n", scenario.name(), label, instances > 1 ? " · cluster of " + instances + " instances" : "");
        String shortId = agentId.length() > 40 ? agentId.substring(0, 14) + "…" : agentId;
        if (instances == 1 || scenario.kind() == Scenario.Kind.REST) {
            line(out, "load", scenario.describeLoad() + ", agent_id " + shortId);
        } else {
            Origins origins = Origins.split(agentId, scenario.events(), instances);
            int[] rates = new int[instances];
            for (int k = 0; k < instances; k++) {
                rates[k] = Origins.share(scenario.rate(), instances, k);
            }
            line(out, "load", scenario.describeLoad() + String.format(Locale.ROOT, ", fired on all %d instances at once (%s events%s), agent_id %s-k on instance k",
                    instances, HubCluster.perInstance(origins.events()), scenario.rate() > 0 ? ", " + HubCluster.perInstance(rates) + "/s" : "", shortId));
        }
        String slowNote = scenario.slowClients() > 0
                ? " (" + (opened - slow.clients) + " reading, " + slow.clients + " that stop reading until firing ends"
                + (instances > 1 ? ": " + HubCluster.perInstance(slowByInstance) : "") + ")"
                : "";
        if (instances == 1) {
            line(out, "clients", String.format(Locale.ROOT, "%d of %d opened in %.2f s, %d registered by the server%s",
                    opened, scenario.clients(), openMillis / 1000.0, registeredSessions, slowNote)
                    + (scenario.kind() == Scenario.Kind.REST ? "; subscribed to locks" : ""));
        } else {
            line(out, "clients", String.format(Locale.ROOT, "%d of %d opened in %.2f s, round-robin over %d instances (%s), registered %s%s",
                    opened, scenario.clients(), openMillis / 1000.0, instances, HubCluster.perInstance(openedByInstance),
                    HubCluster.perInstance(registeredByInstance), slowNote)
                    + (scenario.kind() == Scenario.Kind.REST ? "; subscribed to locks" : ""));
        }
        if (fires != null && instances == 1 && fires.get(0) != null) {
            HubApi.FireResult fire = fires.get(0);
            double seconds = fire.elapsedMicros() / 1e6;
            line(out, "firing", String.format(Locale.ROOT, "server fired %,d events in %.3f s (%,.0f events/s); POST returned after %.3f s",
                    fire.fired(), seconds, seconds > 0 ? fire.fired() / seconds : 0, (fireEndNanos - fireStartNanos) / 1e9));
        } else if (fires != null && instances > 1) {
            for (int k = 0; k < instances; k++) {
                HubApi.FireResult fire = fires.get(k);
                if (fire == null) {
                    line(out, k == 0 ? "firing" : "", "instance " + (k + 1) + " failed to fire");
                    continue;
                }
                double seconds = fire.elapsedMicros() / 1e6;
                line(out, k == 0 ? "firing" : "", String.format(Locale.ROOT, "instance %d fired %,d events in %.3f s (%,.0f events/s)",
                        k + 1, fire.fired(), seconds, seconds > 0 ? fire.fired() / seconds : 0));
            }
            line(out, "", String.format(Locale.ROOT, "all %d POSTs returned after %.3f s", instances, (fireEndNanos - fireStartNanos) / 1e9));
        }
        if (rest != null) {
            line(out, "requests", String.format(Locale.ROOT,
                    "%,d POST /locks/notify from %d senders%s in %.3f s = %,.0f requests/s; round trip p50 %s, p99 %s, max %s ms; %d failed",
                    rest.requests(), senders, instances > 1 ? " (sender t to instance t mod " + instances + ")" : "",
                    (rest.lastResponseNanos() - rest.firstSendNanos()) / 1e9, rest.requestsPerSecond(),
                    ms(rest.roundTrip().percentileMicros(50)), ms(rest.roundTrip().percentileMicros(99)),
                    ms(rest.roundTrip().maxMicros()), rest.failures()));
        }
        if (lastReceiptNanos > 0) {
            line(out, "delivered", String.format(Locale.ROOT,
                    "%,d messages (%,d events + %,d gap notices%s) in %.3f s from first fire to last receipt = %,.0f msg/s",
                    totalMessages, totalEvents, gaps(), scenario.kind() == Scenario.Kind.REST ? " + " + opened + " barrier replies" : "",
                    (lastReceiptNanos - fireStartNanos) / 1e9, deliveredPerSecond()));
        } else {
            line(out, "delivered", "nothing");
        }
        String latencyKind = scenario.kind() == Scenario.Kind.REST ? "send→receipt" : "fire→receipt";
        if (slow.clients > 0) {
            line(out, "latency fast", latencyKind + " " + describe(fastLatency));
            line(out, "latency slow", latencyKind + " " + describe(slowLatency) + " (includes the pause)");
        } else {
            line(out, "latency", latencyKind + " " + describe(fastLatency));
        }
        if (instances > 1 && scenario.kind() != Scenario.Kind.REST) {
            line(out, "latency local", "fired on the client's own instance " + describe(localLatency));
            line(out, "latency other", "fired on another instance " + describe(otherLatency));
        }
        if (slow.clients > 0) {
            line(out, "gaps", String.format(Locale.ROOT, "reading clients: %,d gap notices, %,d events dropped · slow clients: %,d gap notices, %,d events dropped",
                    fast.gaps, fast.dropped, slow.gaps, slow.dropped));
        } else {
            line(out, "gaps", String.format(Locale.ROOT, "%,d gap notices, %,d events dropped", gaps(), dropped()));
        }
        line(out, "completeness", completeness());
        if (notDoneAtDeadline > 0) {
            line(out, "deadline", notDoneAtDeadline + " clients had not accounted for every event " + deadlineSeconds + " s after firing ended");
        } else if (allDoneNanos > 0) {
            line(out, "caught up", String.format(Locale.ROOT, "every client accounted for every event %.3f s after firing ended",
                    (Math.max(fast.slowestCompletionNanos, slow.slowestCompletionNanos) - fireEndNanos) / 1e9));
        }
        if (cpuMeter != null && cpuStart != null && cpuEnd != null) {
            line(out, "CPU", cpuMeter.describe(cpuStart, cpuEnd, totalMessages) + ", first fire to all done");
        }
        line(out, "closing", String.format(Locale.ROOT, "%d closed cleanly, %d aborted; server sessions back to %d in %.2f s",
                closed, aborted, sessionsAfter, settleMillis / 1000.0));
        for (String warning : warnings.subList(0, Math.min(warnings.size(), MAX_PRINTED_NOTES))) {
            line(out, "WARNING", warning);
        }
        if (warnings.size() > MAX_PRINTED_NOTES) {
            line(out, "WARNING", (warnings.size() - MAX_PRINTED_NOTES) + " more warnings");
        }
        line(out, "checks failed", String.valueOf(failures));
        for (String note : notes.subList(0, Math.min(notes.size(), MAX_PRINTED_NOTES))) {
            line(out, "  !", note);
        }
        if (notes.size() > MAX_PRINTED_NOTES) {
            line(out, "  !", (notes.size() - MAX_PRINTED_NOTES) + " more");
        }
    }

    private String completeness() {
        long events = scenario.events();
        StringBuilder text = new StringBuilder();
        String fastName = slow.clients > 0 ? "reading " : "";
        text.append(fastName).append(fast.complete).append('/').append(fast.clients).append(" complete");
        if (fast.lagged > 0) {
            text.append(String.format(Locale.ROOT, ", %d lagged (gaps; received + dropped = %d each)", fast.lagged, events));
        }
        appendTrouble(text, fast);
        if (slow.clients > 0) {
            text.append(" · slow ");
            if (slow.lagged > 0 || slow.complete > 0) {
                text.append(slow.lagged).append('/').append(slow.clients).append(" lagged");
                if (slow.complete > 0) {
                    text.append(", ").append(slow.complete).append(" complete without loss");
                }
            } else {
                text.append("0/").append(slow.clients).append(" accounted");
            }
            text.append(String.format(Locale.ROOT, ": received %,d, dropped %,d, accounted %.1f%%",
                    slow.received, slow.dropped, slow.accountedPercentTimes10(events) / 10.0));
            appendTrouble(text, slow);
            if (slow.slowestCompletionNanos > 0 && resumeNanos > 0) {
                text.append(String.format(Locale.ROOT, "; the last caught up %.3f s after resuming",
                        (slow.slowestCompletionNanos - resumeNanos) / 1e9));
            }
        }
        return text.toString();
    }

    private static void appendTrouble(StringBuilder text, Group group) {
        if (group.evicted > 0) {
            text.append(", ").append(group.evicted).append(" EVICTED by the server (1013)");
        }
        if (group.endedOtherwise > 0) {
            text.append(", ").append(group.endedOtherwise).append(" ended by the server");
        }
        if (group.incomplete > 0) {
            text.append(", ").append(group.incomplete).append(" INCOMPLETE");
        }
        if (!group.closeReasons.isEmpty()) {
            text.append(" ").append(group.closeReasons);
        }
    }

    static String describe(LatencyHistogram h) {
        if (h.count() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s ms · p90 %s · p99 %s · p99.9 %s · max %s ms (mean %s, %,d samples)",
                ms(h.percentileMicros(50)), ms(h.percentileMicros(90)), ms(h.percentileMicros(99)),
                ms(h.percentileMicros(99.9)), ms(h.maxMicros()), ms((long) h.meanMicros()), h.count());
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.1f", micros / 1000.0);
    }

    static void line(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "  %-14s %s%n", name, value);
    }
}
