package dev.crosslinkhub.agents;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns agents idle and stale on time, not only when they send a heartbeat (crosslink never
 * does): every {@code hub.agents.sweep-interval-ms}, each agent whose status has changed gets its
 * {@code agent_status}, once.
 */
@ApplicationScoped
public class StatusSweep {

    private static final Logger LOG = Logger.getLogger(StatusSweep.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AgentService agents;

    @Inject
    @ConfigProperty(name = "hub.agents.sweep-interval-ms", defaultValue = "1000")
    long intervalMs;

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        schedule = scheduler.scheduleWithFixedDelay(this::sweep, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        Instant now = Instant.now();
        for (String agentId : agents.unsettled(now)) {
            try {
                agents.settle(agentId, now);
            } catch (RuntimeException raced) {
                // A heartbeat updated the agent meanwhile and settled it itself; the next sweep looks again.
                LOG.log(Level.FINE, "sweep of agent " + agentId + " lost a race", raced);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
