package dev.crosslinkhub.hub;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every half second: evicts sessions whose send has stalled (1013), pings sessions that have been
 * quiet and have no send in flight, and drops those that stopped answering the ping (4008).
 */
@ApplicationScoped
public class Watchdog {

    private static final long PERIOD_MILLIS = 500;

    @Inject
    SessionRegistry registry;

    @Inject
    HubSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> rounds;

    @PostConstruct
    void start() {
        rounds = scheduler.scheduleWithFixedDelay(this::round, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts watching at deployment. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // creating the bean is what starts it
    }

    void round() {
        long now = System.nanoTime();
        long stallLimit = settings.sendTimeout().toNanos();
        long idle = settings.keepaliveInterval().toNanos();
        long timeout = settings.keepaliveTimeout().toNanos();
        for (Connection connection : registry.connections()) {
            long stalled = connection.outbox().stalledNanos(now);
            if (stalled > stallLimit) {
                registry.evict(connection.id(),
                        "slow consumer: a send took longer than " + settings.sendTimeout().toMillis() + " ms");
            } else if (idle > 0 && stalled == 0) {
                // A session with a send in flight is judged by the send timeout: a ping would only queue behind it.
                switch (connection.keepalive().check(now, idle, timeout)) {
                    case PING -> connection.outbox().ping();
                    case GONE -> registry.dropDead(connection);
                    case NOTHING -> { }
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        rounds.cancel(false);
    }
}
