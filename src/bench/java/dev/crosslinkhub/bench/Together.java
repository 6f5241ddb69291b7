package dev.crosslinkhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Tasks on daemon threads of their own, let go at one moment, and waited for to the last. */
final class Together {

    /** Task {@code k} (from 0); an interrupt ends it. */
    @FunctionalInterface
    interface Task {
        void run(int k) throws InterruptedException;
    }

    /** Runs {@code count} tasks at once on threads named {@code name-1..count}; returns when all have ended. */
    static void run(String name, int count, Task task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int index = k;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    task.run(index);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name + "-" + (k + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(); // each task's calls have their own timeouts
        }
    }

    private Together() {
    }
}
