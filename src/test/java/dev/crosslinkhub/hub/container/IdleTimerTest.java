package dev.crosslinkhub.hub.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Await;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Tyrus' idle-timeout re-arm on every send does to the hub's timer. */
class IdleTimerTest {

    private final IdleTimer timer = new IdleTimer(Executors.defaultThreadFactory());

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aCheckDueNowRunsOnTheCallingThreadAndLeavesNothingQueued() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ScheduledFuture<?> future = timer.schedule(() -> ranOn.set(Thread.currentThread()), 0, TimeUnit.MILLISECONDS);
        assertEquals(Thread.currentThread(), ranOn.get());
        assertTrue(future.isDone());
        assertEquals(0, timer.getQueue().size());
    }

    @Test
    void reArmingALaterCheckOnEverySendKeepsOneQueuedAndItStillFires() {
        AtomicInteger fired = new AtomicInteger();
        ScheduledFuture<?> armed = null;
        for (int send = 0; send < 10_000; send++) {
            if (armed != null) {
                armed.cancel(false); // what Tyrus does before it schedules the next check
            }
            armed = timer.schedule(fired::incrementAndGet, 200, TimeUnit.MILLISECONDS);
        }
        assertEquals(1, timer.getQueue().size(), "cancelled checks leave the queue at once");
        Await.until("the last check fires", () -> fired.get() == 1);
        assertEquals(0, timer.getQueue().size());
    }
}
