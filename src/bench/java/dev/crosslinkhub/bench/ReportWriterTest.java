package dev.crosslinkhub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printout keeps its shapes: lines as docs/benchmark-output.txt shows them. */
class ReportWriterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ReportWriter out = new ReportWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aFigureLineHasItsNameInAColumnOf14() {
        out.line("closing", ReportWriter.closing(new HubCluster.Settled(100, 0, 120, 290, 0, List.of()), false));
        out.line("closing", ReportWriter.closing(new HubCluster.Settled(10_000, 0, 1100, 1570, 0, List.of()), true));
        out.line("firing", "server fired %,d events in %.3f s", 5000, 4.999);
        assertEquals(List.of(
                "  closing        100 closed cleanly, 0 aborted; server sessions back to 0 in 0.29 s",
                "  closing        10,000 closed cleanly in 1.10 s, 0 aborted; server sessions back to 0 in 1.57 s",
                "  firing         server fired 5,000 events in 4.999 s"), lines());
    }

    @Test
    void checksPrintTheFirstTenNotesAndCountTheRest() {
        Checks checks = new Checks();
        checks.warn("lagged");
        for (int i = 1; i <= 12; i++) {
            checks.fail("note " + i);
        }
        checks.print(out);
        List<String> lines = lines();
        assertEquals("  WARNING        lagged", lines.get(0));
        assertEquals("  checks failed  12", lines.get(1));
        assertEquals("    !            note 1", lines.get(2));
        assertEquals("    !            2 more", lines.get(lines.size() - 1));
        assertEquals(13, lines.size());
    }

    @Test
    void theSummaryKeepsItsColumns() {
        out.summaryColumns(true);
        LatencyHistogram latency = new LatencyHistogram();
        latency.record(1110);
        out.summaryRow("latency-100@1000", "warm", ReportWriter.figures(99_833, latency, 0, 0, 13), 0);
        assertEquals(List.of(
                "scenario           run           msg/s    p50 ms    p99 ms    max ms       gaps     dropped  srv µs/msg",
                "latency-100@1000   warm         99,833      1.11      1.11      1.11          0           0         13"), lines());
    }

    @Test
    void millisecondsKeepTwoDecimalsBelowTen() {
        assertEquals("1.11", ReportWriter.ms(1110));
        assertEquals("21.7", ReportWriter.ms(21_700));
    }
}
