package dev.crosslinkhub.bench;

import java.util.Locale;
import java.util.Map;

/** What a churn run found: the cycles' outcome, and what the server holds after them. */
final class ChurnReport extends RunReport {

    /** Afterwards, heap after GC may exceed the start by this much at most, and RSS by {@link #RSS_SLACK_MB}. */
    static final double HEAP_SLACK_MB = 10;
    static final long HEAP_SLACK_BYTES = (long) (HEAP_SLACK_MB * 1048576);
    static final double RSS_SLACK_MB = 50;

    Map<String, Long> tablesBefore;
    Map<String, Long> tablesAfter;
    HubApi.Memory before;
    HubApi.Memory after;
    int perAddressLimit;
    /** From the tables' settling to the heap reading taken as "after". */
    long memorySettleMillis;
    ConnectionChurn.Outcome outcome;

    ChurnReport(Scenario scenario, String label) {
        super(scenario, label);
    }

    /** The memory bounds: failed checks; RSS on a {@code cold} run a warning. */
    void checkMemory(boolean cold) {
        String when = cold ? " on the cold run, whose growth includes the server's first use of the path; the bound is checked warm" : "";
        if (heapGrowthMb() > HEAP_SLACK_MB) {
            checks.fail(String.format(Locale.ROOT, "heap after GC grew by %.1f MB (at most %.0f), %.0f s after the cycles",
                    heapGrowthMb(), HEAP_SLACK_MB, memorySettleMillis / 1000.0));
        }
        if (rssGrowthMb() > RSS_SLACK_MB) {
            report(cold, String.format(Locale.ROOT, "RSS grew by %.1f MB (at most %.0f)%s", rssGrowthMb(), RSS_SLACK_MB, when));
        }
    }

    private void report(boolean asWarning, String what) {
        if (asWarning) {
            checks.warn(what);
        } else {
            checks.fail(what);
        }
    }

    double heapGrowthMb() {
        return before == null || after == null ? 0 : (after.heapUsedBytes() - before.heapUsedBytes()) / 1048576.0;
    }

    double rssGrowthMb() {
        return before == null || after == null ? 0 : (after.rssBytes() - before.rssBytes()) / 1048576.0;
    }

    private double cyclesPerSecond() {
        return outcome == null || outcome.millis() == 0 ? 0 : outcome.cycles() * 1000.0 / outcome.millis();
    }

    @Override
    void print(ReportWriter out) {
        out.heading(scenario.name(), label, "");
        if (outcome != null) {
            out.line("cycles", outcome.describe());
            out.line("per address", "%,d sessions of one address held, the next refused (1008)", perAddressLimit);
        }
        printCpu(out, outcome == null ? 0 : outcome.cycles(), "cycle", "over the cycles");
        if (tablesBefore != null) {
            out.line("hub holds", "before %s · after %s", tablesBefore, tablesAfter);
        }
        if (before != null && after != null) {
            out.line("server before", ReportWriter.memory(before));
            out.line("server after", ReportWriter.memory(after) + String.format(Locale.ROOT, " (read %.0f s after the tables settled)",
                    memorySettleMillis / 1000.0));
            out.line("growth", "heap after GC %+.1f MB (at most %.0f), RSS %+.1f MB (at most %.0f)",
                    heapGrowthMb(), HEAP_SLACK_MB, rssGrowthMb(), RSS_SLACK_MB);
        }
        checks.print(out);
    }

    @Override
    String summaryRow() {
        return String.format(Locale.ROOT, "%,.0f cycles/s, heap %+.1f MB, RSS %+.1f MB after %,d cycles",
                cyclesPerSecond(), heapGrowthMb(), rssGrowthMb(), outcome == null ? 0 : outcome.cycles());
    }

    @Override
    String oneLine() {
        return String.format(Locale.ROOT, "%s: %,.0f cycles/s, heap %+.1f MB, RSS %+.1f MB, checks failed %d",
                label, cyclesPerSecond(), heapGrowthMb(), rssGrowthMb(), checks.failures());
    }
}
