package dev.crosslinkhub.bench;

import static dev.crosslinkhub.bench.ReportWriter.ms;

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
final class EventReport extends RunReport {

    final String agentId;
    final int instances;

    final int[] openedByInstance;
    final int[] slowByInstance;
    final int[] registeredByInstance;
    /** Each instance's firing, in instance order; null where its call failed, and for the REST scenario. */
    List<HubApi.FireResult> fires;
    RestFirer.Result rest;
    long fireStartNanos;
    long fireEndNanos;
    long resumeNanos;
    long allDoneNanos;
    int senders;

    // figures from the clients
    long totalMessages;
    long totalEvents;
    long lastReceiptNanos;
    final LatencyHistogram fastLatency = new LatencyHistogram();
    final LatencyHistogram slowLatency = new LatencyHistogram();
    /** Server memory (after GC) before the clients opened, and when firing ended while the slow clients still stalled. */
    HubApi.Memory memoryBefore;
    HubApi.Memory memoryStalled;
    /** Sender threads parked in a send in every sample while the slow clients stalled; -1 = not sampled. */
    int parkedSenders = -1;
    /** In a cluster, the reading clients' latency of events fired on their own instance, and of the others' (both cross the grid). */
    final LatencyHistogram localLatency = new LatencyHistogram();
    final LatencyHistogram otherLatency = new LatencyHistogram();
    final Group fast = new Group();
    final Group slow = new Group();

    private int noBackPressure;

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
        super(scenario, label);
        this.agentId = agentId;
        this.instances = instances;
        this.openedByInstance = new int[instances];
        this.slowByInstance = new int[instances];
        this.registeredByInstance = new int[instances];
    }

    void analyse(List<BenchClient.Result> results, int deadlineSeconds) {
        long events = scenario.events();
        Long referenceOrder = null;
        int referenceClient = -1;
        for (BenchClient.Result r : results) {
            ListeningClient.Account account = r.account();
            ListeningClient.Ending ending = account.ending();
            totalMessages += account.messages();
            totalEvents += r.received();
            lastReceiptNanos = Math.max(lastReceiptNanos, account.lastReceiptNanos());
            (r.slow() ? slowLatency : fastLatency).add(r.latency());
            if (!r.slow()) {
                localLatency.add(r.localLatency());
                otherLatency.add(r.otherLatency());
            }
            checks.client("client #" + r.index(), account);
            Group group = r.slow() ? slow : fast;
            group.clients++;
            group.received += r.received();
            group.gaps += account.gaps();
            group.dropped += account.dropped();
            boolean accounted = r.received() + account.dropped() == events;
            if (accounted) {
                group.slowestCompletionNanos = Math.max(group.slowestCompletionNanos, account.completedNanos());
            }
            String who = "client #" + r.index() + (r.slow() ? " (slow)" : "");
            if (accounted && account.gaps() == 0) {
                group.complete++;
            } else if (accounted) {
                group.lagged++;
            } else if (ending.evicted()) {
                group.evicted++;
            } else if (ending.endedByServer()) {
                group.endedOtherwise++;
                group.closeReasons.merge(ending.error() != null ? ending.error().getClass().getName() : String.valueOf(ending.closeCode()),
                        1, Integer::sum);
                checks.fail(who + " was ended after " + r.received() + " events (+" + account.dropped()
                        + " dropped) without the hub's 1013 close: " + ending.describe());
            } else {
                group.incomplete++;
                checks.fail(who + " accounted for only " + (r.received() + account.dropped()) + " of " + events + " events (received "
                        + r.received() + ", dropped " + account.dropped() + ") " + deadlineSeconds + " s after firing ended");
            }
            if (ending.evicted()) {
                group.evictedNotes.add(String.format(Locale.ROOT, "#%d after %,d events + %,d dropped", r.index(), r.received(), account.dropped()));
                group.evictionReasons.merge(ending.closeReason(), 1, Integer::sum);
            }
            if (r.slow() && accounted && account.dropped() == 0) {
                noBackPressure++;
            }
            // the hub gives every client one order of all events: REST senders' events interleave, and so
            // do a cluster's instances'; clients that lost nothing must all have seen the same order
            if ((scenario.kind() == Scenario.Kind.REST || instances > 1) && accounted && account.gaps() == 0) {
                if (referenceOrder == null) {
                    referenceOrder = r.orderHash();
                    referenceClient = r.index();
                } else if (referenceOrder != r.orderHash()) {
                    checks.fail(who + (instances > 1 ? " on instance " + (r.instance() + 1) : "")
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
                checks.fail(group.evictedNotes.size(), what);
            } else {
                checks.warn(what);
            }
        }
        if (fast.lagged > 0) {
            String what = String.format(Locale.ROOT,
                    "%d of %d clients that read continuously lagged: %,d gap notices, %,d events dropped (%.1f%% of what they were due) — the hub did not keep up",
                    fast.lagged, fast.clients, fast.gaps, fast.dropped, 100.0 * fast.dropped / Math.max(1, (long) fast.clients * events));
            if (scenario.fastMustBeComplete()) {
                checks.fail(fast.lagged, what);
            } else {
                checks.warn(what);
            }
        }
        if (noBackPressure > 0) {
            checks.fail(noBackPressure, noBackPressure + " slow clients stopped reading yet lost nothing: back-pressure was not reached (fire more or bigger events)");
        }
        long negative = fastLatency.negative() + slowLatency.negative();
        if (negative > 0) {
            checks.warn(negative + " latencies were negative (receipt before the fire stamp): clock problem");
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
    String summaryRow() {
        return ReportWriter.figures(deliveredPerSecond(), fastLatency, gaps(), dropped(),
                CpuMeter.serverMicrosPerMessage(cpuStart, cpuEnd, totalMessages))
                + (rest != null ? String.format(Locale.ROOT, "  (%,.0f req/s)", rest.requestsPerSecond()) : "")
                + (slow.clients > 0 ? String.format(Locale.ROOT, "  (reading: %d/%d complete)", fast.complete, fast.clients) : "");
    }

    @Override
    String oneLine() {
        return String.format(Locale.ROOT, "%s: %,.0f msg/s, latency p50 %s ms, p99 %s ms, max %s ms, %,d gaps, %,d dropped, checks failed %d",
                label, deliveredPerSecond(), ms(fastLatency.percentileMicros(50)), ms(fastLatency.percentileMicros(99)),
                ms(fastLatency.maxMicros()), gaps(), dropped(), checks.failures());
    }

    // ---------------------------------------------------------------- printout

    @Override
    void print(ReportWriter out) {
        out.heading(scenario.name(), label, instances > 1 ? " · cluster of " + instances + " instances" : "");
        String shortId = agentId.length() > 40 ? agentId.substring(0, 14) + "…" : agentId;
        if (instances == 1 || scenario.kind() == Scenario.Kind.REST) {
            out.line("load", scenario.describeLoad() + ", agent_id " + shortId);
        } else {
            Origins origins = Origins.split(agentId, scenario.events(), instances);
            int[] rates = new int[instances];
            for (int k = 0; k < instances; k++) {
                rates[k] = Origins.share(scenario.rate(), instances, k);
            }
            out.line("load", scenario.describeLoad() + String.format(Locale.ROOT, ", fired on all %d instances at once (%s events%s), agent_id %s-k on instance k",
                    instances, HubCluster.perInstance(origins.events()), scenario.rate() > 0 ? ", " + HubCluster.perInstance(rates) + "/s" : "", shortId));
        }
        String slowNote = scenario.slowClients() > 0
                ? " (" + (opened - slow.clients) + " reading, " + slow.clients + " that stop reading until firing ends"
                + (instances > 1 ? ": " + HubCluster.perInstance(slowByInstance) : "") + ")"
                : "";
        if (instances == 1) {
            out.line("clients", String.format(Locale.ROOT, "%d of %d opened in %.2f s, %d registered by the server%s",
                    opened, scenario.clients(), openMillis / 1000.0, registeredSessions, slowNote)
                    + (scenario.kind() == Scenario.Kind.REST ? "; subscribed to locks" : ""));
        } else {
            out.line("clients", String.format(Locale.ROOT, "%d of %d opened in %.2f s, round-robin over %d instances (%s), registered %s%s",
                    opened, scenario.clients(), openMillis / 1000.0, instances, HubCluster.perInstance(openedByInstance),
                    HubCluster.perInstance(registeredByInstance), slowNote)
                    + (scenario.kind() == Scenario.Kind.REST ? "; subscribed to locks" : ""));
        }
        if (fires != null && instances == 1 && fires.get(0) != null) {
            HubApi.FireResult fire = fires.get(0);
            double seconds = fire.elapsedMicros() / 1e6;
            out.line("firing", "server fired %,d events in %.3f s (%,.0f events/s); POST returned after %.3f s",
                    fire.fired(), seconds, seconds > 0 ? fire.fired() / seconds : 0, (fireEndNanos - fireStartNanos) / 1e9);
        } else if (fires != null && instances > 1) {
            for (int k = 0; k < instances; k++) {
                HubApi.FireResult fire = fires.get(k);
                if (fire == null) {
                    out.line(k == 0 ? "firing" : "", "instance " + (k + 1) + " failed to fire");
                    continue;
                }
                double seconds = fire.elapsedMicros() / 1e6;
                out.line(k == 0 ? "firing" : "", "instance %d fired %,d events in %.3f s (%,.0f events/s)",
                        k + 1, fire.fired(), seconds, seconds > 0 ? fire.fired() / seconds : 0);
            }
            out.line("", "all %d POSTs returned after %.3f s", instances, (fireEndNanos - fireStartNanos) / 1e9);
        }
        if (rest != null) {
            out.line("requests",
                    "%,d POST /locks/notify from %d senders%s in %.3f s = %,.0f requests/s; round trip p50 %s, p99 %s, max %s ms; %d failed",
                    rest.requests(), senders, instances > 1 ? " (sender t to instance t mod " + instances + ")" : "",
                    (rest.lastResponseNanos() - rest.firstSendNanos()) / 1e9, rest.requestsPerSecond(),
                    ms(rest.roundTrip().percentileMicros(50)), ms(rest.roundTrip().percentileMicros(99)),
                    ms(rest.roundTrip().maxMicros()), rest.failures());
        }
        if (lastReceiptNanos > 0) {
            out.line("delivered",
                    "%,d messages (%,d events + %,d gap notices%s) in %.3f s from first fire to last receipt = %,.0f msg/s",
                    totalMessages, totalEvents, gaps(), scenario.kind() == Scenario.Kind.REST ? " + " + opened + " barrier replies" : "",
                    (lastReceiptNanos - fireStartNanos) / 1e9, deliveredPerSecond());
        } else {
            out.line("delivered", "nothing");
        }
        String latencyKind = scenario.kind() == Scenario.Kind.REST ? "send→receipt" : "fire→receipt";
        if (slow.clients > 0) {
            out.line("latency fast", latencyKind + " " + ReportWriter.latency(fastLatency));
            out.line("latency slow", latencyKind + " " + ReportWriter.latency(slowLatency) + " (includes the pause)");
        } else {
            out.line("latency", latencyKind + " " + ReportWriter.latency(fastLatency));
        }
        if (instances > 1 && scenario.kind() != Scenario.Kind.REST) {
            out.line("latency local", "fired on the client's own instance " + ReportWriter.latency(localLatency));
            out.line("latency other", "fired on another instance " + ReportWriter.latency(otherLatency));
        }
        if (slow.clients > 0) {
            out.line("gaps", "reading clients: %,d gap notices, %,d events dropped · slow clients: %,d gap notices, %,d events dropped",
                    fast.gaps, fast.dropped, slow.gaps, slow.dropped);
        } else {
            out.line("gaps", "%,d gap notices, %,d events dropped", gaps(), dropped());
        }
        out.line("completeness", completeness());
        if (memoryBefore != null && memoryStalled != null) {
            out.line("stalled cost", "server RSS after GC %,.1f → %,.1f MB (%+,.1f MB) and heap %,.1f → %,.1f MB with %d clients stalled; "
                            + "sender threads parked in a send throughout: %d",
                    memoryBefore.rssBytes() / 1048576.0, memoryStalled.rssBytes() / 1048576.0,
                    (memoryStalled.rssBytes() - memoryBefore.rssBytes()) / 1048576.0,
                    memoryBefore.heapUsedBytes() / 1048576.0, memoryStalled.heapUsedBytes() / 1048576.0, slow.clients, parkedSenders);
        }
        if (notDoneAtDeadline > 0) {
            out.line("deadline", notDoneAtDeadline + " clients had not accounted for every event " + deadlineSeconds + " s after firing ended");
        } else if (allDoneNanos > 0) {
            out.line("caught up", "every client accounted for every event %.3f s after firing ended",
                    (Math.max(fast.slowestCompletionNanos, slow.slowestCompletionNanos) - fireEndNanos) / 1e9);
        }
        printCpu(out, totalMessages, "delivered message", "first fire to all done");
        printEnd(out, false);
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
}
