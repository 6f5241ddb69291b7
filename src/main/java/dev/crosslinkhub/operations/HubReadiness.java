package dev.crosslinkhub.operations;

import dev.crosslinkhub.hub.Publisher;
import dev.crosslinkhub.hub.SessionRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers within two seconds, the hub accepts sessions and its relay can
 * carry events (a data grid that shut down under the hub cannot). Anyone may ask, so the answer
 * says up or down and no more: why goes to the log, once per change.
 */
@Readiness
@ApplicationScoped
public class HubReadiness implements HealthCheck {

    @Resource(lookup = "java:app/jdbc/hub")
    DataSource database;

    private static final Logger LOG = Logger.getLogger(HubReadiness.class.getName());

    @Inject
    SessionRegistry registry;

    @Inject
    Publisher publisher;

    /** The last relay problem logged. */
    private final AtomicReference<String> lastRelayProblem = new AtomicReference<>();

    /** The last database problem logged, so that a probe every few seconds logs it once, not each time. */
    private final AtomicReference<String> lastProblem = new AtomicReference<>();

    @Override
    public HealthCheckResponse call() {
        boolean databaseUp;
        String problem = null;
        try (Connection connection = database.getConnection()) {
            databaseUp = connection.isValid(2);
        } catch (SQLException e) {
            databaseUp = false;
            problem = e.getMessage();
        }
        String before = lastProblem.getAndSet(problem);
        if (problem != null && !problem.equals(before)) {
            LOG.log(Level.WARNING, "event=not-ready reason=\"database: {0}\"", problem);
        } else if (problem == null && before != null) {
            LOG.info("event=ready reason=\"the database answers again\"");
        }
        String relayProblem = publisher.relayTrouble();
        if (relayProblem != null && !relayProblem.equals(lastRelayProblem.getAndSet(relayProblem))) {
            LOG.log(Level.WARNING, "event=not-ready reason=\"relay: {0}\"", relayProblem);
        }
        boolean accepting = registry.accepting();
        return HealthCheckResponse.named("hub").status(databaseUp && accepting && relayProblem == null)
                .withData("database", databaseUp ? "up" : "down")
                .withData("accepting_sessions", accepting)
                .withData("relay", relayProblem == null ? "up" : "down")
                .build();
    }
}
