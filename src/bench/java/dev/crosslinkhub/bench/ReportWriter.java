package dev.crosslinkhub.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * How the tool prints, for every report alike: a block per run (a heading, then one line per
 * figure, its name in a column of its own), a line for a warm-up run, the summary table whose
 * columns every report's row fills, and the figures in the same shapes everywhere: milliseconds
 * from microseconds, latency distributions, server memory, the closing of a fleet, the checks.
 * Every number is formatted in {@link Locale#ROOT}.
 */
final class ReportWriter {

    /** Warnings and failed-check notes printed per run; the rest are counted. */
    static final int MAX_PRINTED_NOTES = 10;

    /** The summary's figure columns, after scenario and run: msg/s, p50, p99, max, gaps, dropped. */
    private static final String FIGURE_COLUMNS = "%13s %9s %9s %9s %10s %11s";

    private final PrintStream out;

    ReportWriter(PrintStream out) {
        this.out = out;
    }

    // ---------------------------------------------------------------- a run's block

    /** {@code === scenario · label ===} after an empty line; {@code more} (may be empty) goes before the closing marks. */
    void heading(String scenario, String label, String more) {
        out.printf(Locale.ROOT, "%n=== %s · %s%s ===%n", scenario, label, more);
    }

    /** One figure: its name (empty for a continuation) in a column of 14, then its value. */
    void line(String name, String value) {
        out.printf(Locale.ROOT, "  %-14s %s%n", name, value);
    }

    /** {@link #line(String, String)} with its value formatted. */
    void line(String name, String format, Object... args) {
        line(name, String.format(Locale.ROOT, format, args));
    }

    /** A warm-up run that is not printed in full: {@code --- scenario · oneLine}. */
    void oneLine(String scenario, String text) {
        out.printf(Locale.ROOT, "%n--- %s · %s%n", scenario, text);
    }

    /** Warnings (the first {@value #MAX_PRINTED_NOTES}), the count of failed checks, and the notes on them. */
    void checks(List<String> warnings, long failures, List<String> notes) {
        for (String warning : first(warnings)) {
            line("WARNING", warning);
        }
        if (warnings.size() > MAX_PRINTED_NOTES) {
            line("WARNING", (warnings.size() - MAX_PRINTED_NOTES) + " more warnings");
        }
        line("checks failed", String.valueOf(failures));
        for (String note : first(notes)) {
            line("  !", note);
        }
        if (notes.size() > MAX_PRINTED_NOTES) {
            line("  !", (notes.size() - MAX_PRINTED_NOTES) + " more");
        }
    }

    private static List<String> first(List<String> lines) {
        return lines.subList(0, Math.min(lines.size(), MAX_PRINTED_NOTES));
    }

    // ---------------------------------------------------------------- the summary table

    void summaryHeading(String text) {
        out.printf(Locale.ROOT, "%n=== summary (%s) ===%n", text);
    }

    /** The table's column names, with the server's CPU column if it is measured. */
    void summaryColumns(boolean serverCpu) {
        out.printf(Locale.ROOT, "%-18s %-5s " + FIGURE_COLUMNS + "%s%n",
                "scenario", "run", "msg/s", "p50 ms", "p99 ms", "max ms", "gaps", "dropped", serverCpu ? "  srv µs/msg" : "");
    }

    /** One row: scenario (empty on a second row of it), run, a report's {@link RunReport#summaryRow}. */
    void summaryRow(String scenario, String run, String row, long checksFailed) {
        out.printf(Locale.ROOT, "%-18s %-5s %s%s%n", scenario, run, row, checksFailed > 0 ? "  CHECKS FAILED: " + checksFailed : "");
    }

    /**
     * A report's figures in the summary's columns: messages per second, the latency's p50, p99 and
     * max, gaps, dropped, then the server's CPU µs per message (or unit) where it is measured.
     */
    static String figures(double perSecond, LatencyHistogram latency, long gaps, long dropped, double serverMicros) {
        return String.format(Locale.ROOT, FIGURE_COLUMNS,
                String.format(Locale.ROOT, "%,.0f", perSecond),
                ms(latency.percentileMicros(50)), ms(latency.percentileMicros(99)), ms(latency.maxMicros()),
                String.format(Locale.ROOT, "%,d", gaps), String.format(Locale.ROOT, "%,d", dropped))
                + (serverMicros < 0 ? "" : String.format(Locale.ROOT, " %10.0f", serverMicros));
    }

    // ---------------------------------------------------------------- figures

    /** Microseconds as milliseconds: two decimals below 10 ms, one above. */
    static String ms(long micros) {
        return String.format(Locale.ROOT, micros < 10_000 ? "%.2f" : "%.1f", micros / 1000.0);
    }

    /** A latency distribution in one line. */
    static String latency(LatencyHistogram h) {
        if (h.count() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %s ms · p90 %s · p99 %s · p99.9 %s · max %s ms (mean %s, %,d samples)",
                ms(h.percentileMicros(50)), ms(h.percentileMicros(90)), ms(h.percentileMicros(99)),
                ms(h.percentileMicros(99.9)), ms(h.maxMicros()), ms((long) h.meanMicros()), h.count());
    }

    /** The server's memory as {@code GET /bench/memory} tells it. */
    static String memory(HubApi.Memory memory) {
        return String.format(Locale.ROOT, "RSS %,.1f MB, heap used (after full GC) %,.1f MB, %,d sessions",
                memory.rssBytes() / 1048576.0, memory.heapUsedBytes() / 1048576.0, memory.sessions());
    }

    /** How a fleet closed: {@code timed} adds how long its closing handshakes took. */
    static String closing(HubCluster.Settled settled, boolean timed) {
        String closed = timed
                ? String.format(Locale.ROOT, "%,d closed cleanly in %.2f s", settled.closed(), settled.closeMillis() / 1000.0)
                : settled.closed() + " closed cleanly";
        return String.format(Locale.ROOT, "%s, %d aborted; server sessions back to %d in %.2f s",
                closed, settled.aborted(), settled.sessionsAfter(), settled.settleMillis() / 1000.0);
    }
}
