package dev.crosslinkhub.bench;

import java.util.List;
import java.util.Locale;

/** Memory per idle connection, and what else the idle run saw. */
final class IdleReport extends RunReport {

    HubApi.Memory before;
    HubApi.Memory after;
    HubApi.Memory afterClose;
    long registerMillis;

    IdleReport(Scenario scenario, String label) {
        super(scenario, label);
    }

    void analyse(List<BenchClient.Result> results) {
        int ended = 0;
        for (BenchClient.Result r : results) {
            checks.client("client #" + r.index(), r.account());
            ListeningClient.Ending ending = r.account().ending();
            if (ending.endedByServer()) {
                ended++;
                if (ended <= 3) {
                    checks.note("client #" + r.index() + " was ended by the server while idle: " + ending.describe());
                }
            }
        }
        if (ended > 0) {
            checks.fail(ended + " idle clients were ended by the server before the tool closed them");
        }
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
    void print(ReportWriter out) {
        out.heading(scenario.name(), label, "");
        out.line("clients", "%,d of %,d opened in %.2f s (%,.0f handshakes/s), %,d registered by the server (%.2f s later)",
                opened, scenario.clients(), openMillis / 1000.0, openMillis > 0 ? opened * 1000.0 / openMillis : 0,
                registeredSessions, registerMillis / 1000.0);
        if (before != null && after != null) {
            out.line("server before", ReportWriter.memory(before));
            out.line("server after", ReportWriter.memory(after));
            out.line("per connection", "RSS %.1f KB, heap %.1f KB (delta / %,d)", rssKbPerConnection(), heapKbPerConnection(), opened);
        }
        if (afterClose != null) {
            out.line("after close", ReportWriter.memory(afterClose) + String.format(Locale.ROOT,
                    " — heap %+.1f MB vs before", (afterClose.heapUsedBytes() - before.heapUsedBytes()) / 1048576.0));
        }
        printEnd(out, true);
    }

    @Override
    String summaryRow() {
        return String.format(Locale.ROOT, "RSS %.1f KB/conn, heap %.1f KB/conn (%,d idle connections)",
                rssKbPerConnection(), heapKbPerConnection(), opened);
    }

    @Override
    String oneLine() {
        return String.format(Locale.ROOT, "%s: RSS %.1f KB/conn, heap %.1f KB/conn, checks failed %d",
                label, rssKbPerConnection(), heapKbPerConnection(), checks.failures());
    }
}
