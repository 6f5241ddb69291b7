package dev.crosslinkhub.bench;

/**
 * What one repetition of a scenario found: what every run has (its fleet, its deadline, the CPU it
 * cost, how its clients closed, its {@link Checks}), and a scenario's own figures in a subclass,
 * printed through a {@link ReportWriter}.
 */
abstract class RunReport {

    final Scenario scenario;
    final String label;
    final Checks checks = new Checks();

    /** Clients opened (of the scenario's), in how long, and how many the server showed once they were open. */
    int opened;
    long openMillis;
    int registeredSessions;
    /** How long every client had, after the load, to get every event due; how many had not. */
    int deadlineSeconds;
    int notDoneAtDeadline;
    CpuMeter cpuMeter;
    CpuMeter.Sample cpuStart;
    CpuMeter.Sample cpuEnd;
    /** How the clients closed; null if the run never got there. */
    HubCluster.Settled settled;

    RunReport(Scenario scenario, String label) {
        this.scenario = scenario;
        this.label = label;
    }

    Scenario scenario() {
        return scenario;
    }

    long checksFailed() {
        return checks.failures();
    }

    /** The fleet is open: {@code clients} ("consoles") that failed to connect each fail a check, by why. */
    void opened(ClientFleet<?> fleet, String clients) {
        opened = fleet.clients.size();
        openMillis = fleet.openMillis;
        fleet.connectFailures.forEach((why, n) -> checks.fail(n + " " + clients + " failed to connect: " + why));
    }

    /** The scenario's full block. */
    abstract void print(ReportWriter out);

    /** The columns of the summary table after scenario and run ({@link ReportWriter#figures}, then notes). */
    abstract String summaryRow();

    /** One line for a warm-up run that is not printed in full. */
    abstract String oneLine();

    /** The CPU line, if the load was measured from start to end: the server's cost per {@code unit}. */
    void printCpu(ReportWriter out, long units, String unit, String span) {
        if (cpuMeter != null && cpuStart != null && cpuEnd != null) {
            out.line("CPU", cpuMeter.describe(cpuStart, cpuEnd, units, unit) + ", " + span);
        }
    }

    /** The block's end: how the clients closed ({@code timed}: with how long that took), then the checks. */
    void printEnd(ReportWriter out, boolean timed) {
        if (settled != null) {
            out.line("closing", ReportWriter.closing(settled, timed));
        }
        checks.print(out);
    }
}
