package dev.crosslinkhub.operations;

import dev.crosslinkhub.hub.SessionRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers within two seconds and the hub accepts sessions. */
@Readiness
@ApplicationScoped
public class HubReadiness implements HealthCheck {

    @Resource(lookup = "java:app/jdbc/hub")
    DataSource database;

    @Inject
    SessionRegistry registry;

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
        boolean accepting = registry.accepting();
        var response = HealthCheckResponse.named("hub").status(databaseUp && accepting)
                .withData("database", databaseUp ? "up" : "down")
                .withData("accepting_sessions", accepting);
        if (problem != null) {
            response.withData("database_error", problem);
        }
        return response.build();
    }
}
