package dev.crosslinkhub.hub.container;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler of Tyrus' idle-timeout checks on the hub's sessions. A check that is due now runs
 * on the calling thread (a send, which holds no lock of the hub's); a later one waits on one
 * plain thread, and a cancelled one leaves the queue at once, so re-arming on every send leaves
 * nothing behind.
 */
final class IdleTimer extends ScheduledThreadPoolExecutor {

    IdleTimer(ThreadFactory threads) {
        super(1, threads);
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay > 0) {
            return super.schedule(command, delay, unit);
        }
        command.run();
        return Ran.DONE;
    }

    /** A check that already ran: cancelling it does nothing. */
    private static final class Ran implements ScheduledFuture<Object> {

        static final Ran DONE = new Ran();
        private static final CompletableFuture<Object> RESULT = CompletableFuture.completedFuture(null);

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return RESULT.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException {
            return RESULT.get();
        }
    }
}
