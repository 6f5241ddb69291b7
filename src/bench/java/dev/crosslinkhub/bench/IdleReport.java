package dev.crosslinkhub.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Memory per idle connection, and what else the idle run saw. */
final class IdleReport implements RunReport {

    final Scenario scenario;
    final String label;
    HubApi.Memory before;
    HubApi.Memory after;
    HubApi.Memory afterClose;
    int opened;
    long openMillis;
    int registeredSessions;
    long registerMillis;
    int closed;
    int aborted;
    long closeMillis;
    long settleMillis;
    int sessionsAfter;
    private long failures;
    private final List<String> notes = new ArrayList<>();

    IdleReport(Scenario scenario, String label) {
        this.scenario = scenario;
        this.label = label;
    }

    void fail(String what) {
        failures++;
        notes.add(what);
    }

    void analyse(List<BenchClient.Result> results) {
        int ended = 0;
        for (BenchClient.Result r : results) {
            if (r.failures() > 0) {
                failures += r.failures();
                if (notes.size() < 10) {
                    notes.addAll(r.notes());
                }
            }
            if (r.endedByServer()) {
                ended++;
                if (ended <= 3) {
                    notes.add("client #" + r.index() + " was ended by the server while idle: "
                            + (r.error() != null ? "error " + r.error() : r.closeCode() + " " + r.closeReason()));
                }
            }
        }
        if (ended > 0) {
            failures++;
            notes.add(ended + " idle clients were ended by the server before the tool closed them");
        }
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public long checksFailed() {
        return failures;
    }

    double rssKbPerConnection() {
        return perConnectionKb(before == null || after == null ? 0 : after.rssBytes() - before.rssBytes());
    }

    double heapKbPerConnection() {
        return perConnectionKb(before == null || after == null ? 0 : after.heapUsedBytes() - before.heapUsedBytes());
    }

    private double perConnectionKb(long delta) {
        return opened == 0 ? 0 : delta / 1024.0 / opened;
    }

    @Override
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%n=== %s · %s ===%n", scenario.name(), label);
        EventReport.line(out, "clients", String.format(Locale.ROOT,
                "%,d of %,d opened in %.2f s (%,.0f handshakes/s), %,d registered by the server (%.2f s later)",
                opened, scenario.clients(), openMillis / 1000.0, openMillis > 0 ? opened * 1000.0 / openMillis : 0,
                registeredSessions, registerMillis / 1000.0));
        if (before != null && after != null) {
            EventReport.line(out, "server before", memory(before));
            EventReport.line(out, "server after", memory(after));
            EventReport.line(out, "per connection", String.format(Locale.ROOT, "RSS %.1f KB, heap %.1f KB (delta / %,d)",
                    rssKbPerConnection(), heapKbPerConnection(), opened));
        }
        if (afterClose != null) {
            EventReport.line(out, "after close", memory(afterClose) + String.format(Locale.ROOT,
                    " — heap %+.1f MB vs before", (afterClose.heapUsedBytes() - before.heapUsedBytes()) / 1048576.0));
        }
        EventReport.line(out, "closing", String.format(Locale.ROOT,
                "%,d closed cleanly in %.2f s, %d aborted; server sessions back to %d in %.2f s",
                closed, closeMillis / 1000.0, aborted, sessionsAfter, settleMillis / 1000.0));
        EventReport.line(out, "checks failed", String.valueOf(failures));
        for (String note : notes.subList(0, Math.min(notes.size(), 10))) {
            EventReport.line(out, "  !", note);
        }
    }

    private static String memory(HubApi.Memory memory) {
        return String.format(Locale.ROOT, "RSS %,.1f MB, heap used (after full GC) %,.1f MB, %,d sessions",
                memory.rssBytes() / 1048576.0, memory.heapUsedBytes() / 1048576.0, memory.sessions());
    }

    @Override
    public String summaryRow() {
        return String.format(Locale.ROOT, "RSS %.1f KB/conn, heap %.1f KB/conn (%,d idle connections)",
                rssKbPerConnection(), heapKbPerConnection(), opened);
    }

    @Override
    public String oneLine() {
        return String.format(Locale.ROOT, "%s: RSS %.1f KB/conn, heap %.1f KB/conn, checks failed %d",
                label, rssKbPerConnection(), heapKbPerConnection(), failures);
    }
}
