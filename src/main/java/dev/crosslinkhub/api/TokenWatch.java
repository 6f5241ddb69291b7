package dev.crosslinkhub.api;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks in the database every half second for a rotation of the API token made on another hub, so
 * that every hub refuses the old token within a second. A database that cannot be read leaves the
 * token as it is, said once in the log until it can be read again.
 */
@ApplicationScoped
public class TokenWatch {

    private static final Logger LOG = Logger.getLogger(TokenWatch.class.getName());
    static final long EVERY_MS = 500;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ApiToken token;

    private ScheduledFuture<?> watching;
    private volatile boolean failing;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        watching = scheduler.scheduleWithFixedDelay(this::look, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void look() {
        try {
            token.refresh();
            if (failing) {
                failing = false;
                LOG.info("the API token's rotations can be read again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "cannot read the API token's rotations; the token in force stays: " + e);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (watching != null) {
            watching.cancel(false);
        }
    }
}
