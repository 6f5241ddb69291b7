package dev.crosslinkhub.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits on a condition with a deadline. {@link #until} fails the test with a description when it
 * never holds; {@link #within} says whether it held, for callers that report rather than fail (a
 * process that must come up, the benchmark's session counts). Every wait asks the condition at
 * least once, and again after each pause until the deadline has passed.
 */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(20);

    /** How long to pause between two polls: fixed, or doubling from a first pause up to a ceiling. */
    public record Pace(Duration first, Duration max) {

        /** The tests' pace: a condition on the test's own side is cheap to ask. */
        public static final Pace QUICK = every(Duration.ofMillis(10));

        public static Pace every(Duration interval) {
            return new Pace(interval, interval);
        }

        /** For a condition that costs the other side something each time (a full GC, say). */
        public static Pace backingOff(Duration first, Duration max) {
            return new Pace(first, max);
        }

        Duration after(Duration pause) {
            Duration doubled = pause.multipliedBy(2);
            return doubled.compareTo(max) > 0 ? max : doubled;
        }
    }

    /** A condition whose asking may fail (or wait): the failure ends the wait and is the caller's to handle. */
    @FunctionalInterface
    public interface Condition<E extends Exception> {
        boolean holds() throws E, InterruptedException;
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, Pace.QUICK, condition);
    }

    public static void until(String what, Duration timeout, Pace pace, BooleanSupplier condition) {
        boolean held;
        try {
            held = within(timeout, pace, condition::getAsBoolean);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for: " + what);
        }
        if (!held) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
        }
    }

    /**
     * Polls {@code condition} at {@code pace} until it holds (true) or {@code timeout} has passed
     * (false). An exception of the condition ends the wait and is thrown on.
     */
    public static <E extends Exception> boolean within(Duration timeout, Pace pace, Condition<E> condition)
            throws E, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = pace.first();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(pause.toMillis()); // polling interval, not synchronisation: the condition decides
            pause = pace.after(pause);
        }
        return true;
    }

    public static <T> T value(String what, Supplier<T> supplier) {
        Object[] holder = new Object[1];
        until(what, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }

    private Await() {
    }
}
