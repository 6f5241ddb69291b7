package dev.crosslinkhub.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's correctness checks: how many failed, a note on each (or on a batch of them), and the
 * warnings, which are measured figures (lag, say) rather than failures. Printed by
 * {@link ReportWriter#checks}.
 */
final class Checks {

    private long failures;
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** One failed check. */
    void fail(String what) {
        fail(1, what);
    }

    /** {@code count} failed checks, one note on them all. */
    void fail(long count, String what) {
        failures += count;
        notes.add(what);
    }

    /** {@link #fail(long, String)}, its note first: what the others follow from. */
    void failFirst(long count, String what) {
        failures += count;
        notes.add(0, what);
    }

    /** A note on failures counted elsewhere. */
    void note(String what) {
        notes.add(what);
    }

    void warn(String what) {
        warnings.add(what);
    }

    /** A client's own failed checks, with its first notes and a count of the rest. */
    void client(String who, ListeningClient.Account account) {
        if (account.failures() == 0) {
            return;
        }
        failures += account.failures();
        notes.addAll(account.notes());
        if (account.failures() > account.notes().size()) {
            notes.add(who + ": " + (account.failures() - account.notes().size()) + " more failed checks");
        }
    }

    long failures() {
        return failures;
    }

    void print(ReportWriter out) {
        out.checks(warnings, failures, notes);
    }
}
