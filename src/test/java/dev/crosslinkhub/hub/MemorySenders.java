package dev.crosslinkhub.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The hub's sender threads without a container: {@code threads} threads drain whatever outbox
 * asks for work, as {@link SenderPool} does. Stopped by {@link #close}.
 */
final class MemorySenders implements Outbox.Scheduler, AutoCloseable {

    private final LinkedBlockingQueue<Outbox> ready = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    MemorySenders(int count) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::run, "test-sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public void schedule(Outbox outbox) {
        ready.add(outbox);
    }

    private void run() {
        while (true) {
            try {
                ready.take().drain();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        }
    }

    /** What a drain threw; a correct outbox throws nothing. */
    List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
