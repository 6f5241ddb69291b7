package dev.crosslinkhub.bench;

import static dev.crosslinkhub.bench.ReportWriter.ms;

import java.util.List;
import java.util.Locale;

/** The figures and check results of one repetition of the mixed scenario, and their printout. */
final class MixedReport extends RunReport {

    private static final MixedAgent.Route[] ROUTES = MixedAgent.Route.values();

    long poolMillis;
    long startNanos;

    // ---- the agents' side
    final LatencyHistogram[] byRoute = new LatencyHistogram[ROUTES.length];
    final LatencyHistogram allRequests = new LatencyHistogram();
    final long[] sent = new long[ROUTES.length];
    final long[] succeeded = new long[ROUTES.length];
    final long[] failed = new long[ROUTES.length];
    long claimConflicts;
    long claimsAcknowledged;
    long releasesAcknowledged;
    long lastFinishNanos;

    // ---- the consoles' side
    long messages;
    long lastReceiptNanos;
    long slowestCompletionNanos;
    long fewestEvents = Long.MAX_VALUE;
    long mostEvents;
    long lockEvents;
    long issueEvents;
    long heartbeatEvents;
    long statusEvents;
    long otherStatusEvents;
    long gaps;
    long dropped;
    long matched;
    long missing;
    long duplicated;
    long unknown;
    long outOfOrder;
    /** Consoles that got every acknowledged lock change once, in its agent's order, and nothing else. */
    int lockExactConsoles;
    /** Consoles whose lock_changed count equals the acknowledged claims + releases. */
    int lockCountConsoles;
    /** Consoles whose issue_updated, heartbeat and agent_status match the agents' 2xx answers. */
    int otherExactConsoles;
    final LatencyHistogram fanOut = new LatencyHistogram();
    final LatencyHistogram fanOutClaimed = new LatencyHistogram();
    final LatencyHistogram fanOutReleased = new LatencyHistogram();
    long earlyClaimed;
    long earlyReleased;
    long earliestMicros;

    MixedReport(Scenario scenario, String label) {
        super(scenario, label);
        for (int i = 0; i < byRoute.length; i++) {
            byRoute[i] = new LatencyHistogram();
        }
    }

    void analyse(List<MixedAgent> agents, List<ConsoleClient.Result> consoles) {
        for (MixedAgent agent : agents) {
            for (int r = 0; r < ROUTES.length; r++) {
                byRoute[r].add(agent.latency[r]);
                allRequests.add(agent.latency[r]);
                sent[r] += agent.sent[r];
                succeeded[r] += agent.succeeded[r];
                failed[r] += agent.failed[r];
            }
            claimConflicts += agent.claimConflicts;
            for (MixedAgent.LockChange change : agent.changes) {
                if (change.claimed()) {
                    claimsAcknowledged++;
                } else {
                    releasesAcknowledged++;
                }
            }
            lastFinishNanos = Math.max(lastFinishNanos, agent.finishedNanos);
            agent.notes.forEach(checks::note);
        }
        long badAnswers = total(failed);
        if (badAnswers > 0) {
            checks.failFirst(badAnswers, badAnswers + " requests were answered other than 2xx (or 409 to a claim), or not at all");
        }
        if (claimsAcknowledged != releasesAcknowledged) {
            checks.fail(claimsAcknowledged + " claims were acknowledged but " + releasesAcknowledged + " releases");
        }

        LockLedger ledger = new LockLedger(agents);
        long locksDue = ledger.changes();
        long retitlesDue = succeeded[MixedAgent.Route.PATCH.ordinal()];
        long commentsDue = succeeded[MixedAgent.Route.COMMENT.ordinal()];
        long heartbeatsDue = succeeded[MixedAgent.Route.HEARTBEAT.ordinal()];
        for (ConsoleClient.Result c : consoles) {
            String who = "console #" + c.index();
            ListeningClient.Account account = c.account();
            messages += account.messages();
            lastReceiptNanos = Math.max(lastReceiptNanos, account.lastReceiptNanos());
            slowestCompletionNanos = Math.max(slowestCompletionNanos, account.completedNanos());
            fewestEvents = Math.min(fewestEvents, c.events());
            mostEvents = Math.max(mostEvents, c.events());
            lockEvents += c.lockEvents();
            issueEvents += c.retitles() + c.comments();
            heartbeatEvents += c.heartbeats();
            statusEvents += c.statusChanges();
            otherStatusEvents += c.otherStatusChanges();
            if (c.agentsNotActiveOnce() > 0) {
                checks.fail(who + ": " + c.agentsNotActiveOnce() + " of this run's agents were not announced active exactly once (agent_status)");
            }
            boolean otherExact = c.agentsNotActiveOnce() == 0 && c.otherEvents() == 0;
            gaps += account.gaps();
            dropped += account.dropped();
            checks.client(who, account);
            if (account.ending().endedByServer()) {
                checks.fail(who + " was ended by the server: " + account.ending().describe());
            }

            LockLedger.Match m = ledger.match(c.sightings());
            matched += m.matched;
            missing += m.missing;
            duplicated += m.duplicated;
            unknown += m.unknown;
            outOfOrder += m.outOfOrder;
            fanOutClaimed.add(m.claimed);
            fanOutReleased.add(m.released);
            fanOut.add(m.claimed);
            fanOut.add(m.released);
            earlyClaimed += m.earlyClaimed;
            earlyReleased += m.earlyReleased;
            earliestMicros = Math.max(earliestMicros, m.earliestMicros);
            if (c.lockEvents() == locksDue) {
                lockCountConsoles++;
            }
            boolean lockTrouble = m.missing > 0 || m.duplicated > 0 || m.unknown > 0 || m.outOfOrder > 0
                    || c.lockEvents() != locksDue;
            boolean otherTrouble = c.retitles() != retitlesDue || c.comments() != commentsDue || c.heartbeats() != heartbeatsDue;
            if (!lockTrouble) {
                lockExactConsoles++;
            }
            if (otherExact && !otherTrouble) {
                otherExactConsoles++;
            }
            String what = String.format(Locale.ROOT,
                    "%s: lock_changed %,d of %,d due (%,d missing, %,d duplicated, %,d never acknowledged, %,d out of their agent's order);"
                            + " issue_updated updated %,d of %,d, comments %,d of %,d; heartbeat %,d of %,d",
                    who, c.lockEvents(), locksDue, m.missing, m.duplicated, m.unknown, m.outOfOrder,
                    c.retitles(), retitlesDue, c.comments(), commentsDue, c.heartbeats(), heartbeatsDue);
            if (lockTrouble || otherTrouble) {
                // a gap excuses only what it accounts for: events that are missing, no more than it dropped
                boolean excused = account.gaps() > 0 && m.duplicated == 0 && m.unknown == 0 && m.outOfOrder == 0
                        && (locksDue - c.lockEvents()) + (retitlesDue - c.retitles()) + (commentsDue - c.comments())
                        + (heartbeatsDue - c.heartbeats()) <= account.dropped()
                        && c.lockEvents() <= locksDue && c.retitles() <= retitlesDue && c.comments() <= commentsDue
                        && c.heartbeats() <= heartbeatsDue;
                if (excused) {
                    checks.warn(what + " — within the " + account.dropped() + " events its gaps dropped");
                } else {
                    checks.fail(what);
                }
            }
        }
        if (notDoneAtDeadline > 0) {
            checks.fail(notDoneAtDeadline + " consoles had not received every event due " + deadlineSeconds + " s after the agents stopped");
        }
        if (gaps > 0) {
            checks.warn(String.format(Locale.ROOT, "consoles got %,d gap notices, %,d events dropped: the hub did not keep up", gaps, dropped));
        }
    }

    // ---------------------------------------------------------------- figures for the summary

    private double loadSeconds() {
        return lastFinishNanos > startNanos ? (lastFinishNanos - startNanos) / 1e9 : 0;
    }

    double requestsPerSecond() {
        double seconds = loadSeconds();
        return seconds > 0 ? total(sent) / seconds : 0;
    }

    double deliveredPerSecond() {
        double seconds = (lastReceiptNanos - startNanos) / 1e9;
        return lastReceiptNanos == 0 || seconds <= 0 ? 0 : messages / seconds;
    }

    private static long total(long[] counts) {
        long sum = 0;
        for (long n : counts) {
            sum += n;
        }
        return sum;
    }

    @Override
    String summaryRow() {
        double micros = CpuMeter.serverMicrosPerMessage(cpuStart, cpuEnd, total(sent));
        return ReportWriter.figures(deliveredPerSecond(), fanOut, gaps, dropped, micros)
                + String.format(Locale.ROOT, "  (%,.0f req/s%s; request p50/p99 %s/%s ms; %,d claims 409)",
                requestsPerSecond(), micros < 0 ? "" : "; srv = µs per request", ms(allRequests.percentileMicros(50)),
                ms(allRequests.percentileMicros(99)), claimConflicts);
    }

    @Override
    String oneLine() {
        return String.format(Locale.ROOT,
                "%s: %,.0f req/s (p50 %s ms, p99 %s ms), %,d claims 409, %,.0f msg/s to consoles, fan-out p50 %s ms, p99 %s ms, max %s ms, %,d gaps, checks failed %d",
                label, requestsPerSecond(), ms(allRequests.percentileMicros(50)), ms(allRequests.percentileMicros(99)),
                claimConflicts, deliveredPerSecond(), ms(fanOut.percentileMicros(50)), ms(fanOut.percentileMicros(99)),
                ms(fanOut.maxMicros()), gaps, checks.failures());
    }

    // ---------------------------------------------------------------- printout

    @Override
    void print(ReportWriter out) {
        out.heading(scenario.name(), label, "");
        out.line("load", scenario.describeLoad());
        out.line("pool", "%,d issues created in %.2f s, before the consoles connected",
                scenario.mixed().issues(), poolMillis / 1000.0);
        out.line("consoles", "%d of %d opened in %.2f s, %d registered by the server; subscribed to %s",
                opened, scenario.clients(), openMillis / 1000.0, registeredSessions, String.join(", ", MixedRun.CHANNELS));
        if (startNanos == 0 || lastFinishNanos == 0) {
            checks.print(out);
            return;
        }
        out.line("requests", "%,d in %.2f s = %,.0f requests/s from %d agents (first request to the last agent's end)",
                total(sent), loadSeconds(), requestsPerSecond(), scenario.mixed().agents());
        out.line("by route", "%-10s %9s %9s %9s %9s %9s %9s", "", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "bad");
        for (MixedAgent.Route route : ROUTES) {
            int r = route.ordinal();
            routeLine(out, route.label, sent[r], byRoute[r], failed[r]);
        }
        routeLine(out, "all", total(sent), allRequests, total(failed));
        out.line("claims",
                "%,d sent: %,d won, %,d answered 409 (%.1f%%: another agent held the issue, a correct answer)",
                sent[MixedAgent.Route.CLAIM.ordinal()], succeeded[MixedAgent.Route.CLAIM.ordinal()], claimConflicts,
                100.0 * claimConflicts / Math.max(1, sent[MixedAgent.Route.CLAIM.ordinal()]));
        out.line("bad answers", "%,d (anything but 2xx, or 409 to a claim, or no answer)", total(failed));
        out.line("lock changes", "%,d acknowledged: %,d claims + %,d releases",
                claimsAcknowledged + releasesAcknowledged, claimsAcknowledged, releasesAcknowledged);
        int consoles = Math.max(1, opened);
        if (lastReceiptNanos > 0) {
            out.line("delivered",
                    "%,d messages to %d consoles in %.2f s from the first request to the last receipt = %,.0f msg/s",
                    messages, opened, (lastReceiptNanos - startNanos) / 1e9, deliveredPerSecond());
            out.line("per console",
                    "%,d–%,d events (on average: lock_changed %,.0f, issue_updated %,.0f, heartbeat %,.0f, agent_status %,.0f%s)",
                    fewestEvents, mostEvents, (double) lockEvents / consoles, (double) issueEvents / consoles,
                    (double) heartbeatEvents / consoles, (double) statusEvents / consoles,
                    otherStatusEvents == 0 ? "" : String.format(Locale.ROOT, " + %,.1f of earlier runs' agents", (double) otherStatusEvents / consoles));
        } else {
            out.line("delivered", "nothing");
        }
        out.line("fan-out", "answer→receipt of lock_changed at every console " + ReportWriter.latency(fanOut));
        out.line("  claimed", ReportWriter.latency(fanOutClaimed) + early(earlyClaimed, fanOutClaimed));
        out.line("  released", ReportWriter.latency(fanOutReleased) + early(earlyReleased, fanOutReleased));
        if (earlyClaimed + earlyReleased > 0) {
            out.line("",
                    "(an event may arrive before its HTTP answer: the hub queues it at commit, before it answers; by up to %s ms here, counted as 0)",
                    ms(earliestMicros));
        }
        out.line("exactly once",
                "%d/%d consoles got every acknowledged claim and release once, in its agent's order (in all %,d matched, %,d missing,"
                        + " %,d duplicated, %,d never acknowledged, %,d out of order); %d/%d got lock_changed = claims + releases",
                lockExactConsoles, opened, matched, missing, duplicated, unknown, outOfOrder, lockCountConsoles, opened);
        out.line("other events",
                "%d/%d consoles got issue_updated = 2xx PATCHes + comments, heartbeat = 2xx heartbeats, one agent_status active per agent, nothing else",
                otherExactConsoles, opened);
        out.line("gaps", "%,d gap notices, %,d events dropped", gaps, dropped);
        if (notDoneAtDeadline > 0) {
            out.line("deadline", notDoneAtDeadline + " consoles had not received every event " + deadlineSeconds + " s after the agents stopped");
        } else if (slowestCompletionNanos > 0) {
            out.line("caught up", "every console had every event due %.3f s after the last agent stopped",
                    Math.max(0, slowestCompletionNanos - lastFinishNanos) / 1e9);
        }
        printCpu(out, total(sent), "request", "first request to all delivered");
        printEnd(out, false);
    }

    private void routeLine(ReportWriter out, String name, long requests, LatencyHistogram h, long bad) {
        double seconds = loadSeconds();
        out.line("", "%-10s %,9d %,9.0f %9s %9s %9s %,9d", name, requests,
                seconds > 0 ? requests / seconds : 0, ms(h.percentileMicros(50)), ms(h.percentileMicros(99)), ms(h.maxMicros()), bad);
    }

    private static String early(long early, LatencyHistogram h) {
        return early == 0 ? "" : String.format(Locale.ROOT, "; %,d (%.1f%%) before the HTTP answer", early, 100.0 * early / Math.max(1, h.count()));
    }
}
