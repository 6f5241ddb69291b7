package dev.crosslinkhub.bench;

import java.io.PrintStream;

/** What one repetition of a scenario found. */
interface RunReport {

    Scenario scenario();

    /** The scenario's full block. */
    void print(PrintStream out);

    /** The columns of the summary table after scenario and run. */
    String summaryRow();

    /** One line for a warm-up run that is not printed in full. */
    String oneLine();

    long checksFailed();
}
