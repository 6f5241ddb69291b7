package dev.crosslinkhub.operations;

import dev.crosslinkhub.hub.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the hub answers: it can count its sessions. */
@Liveness
@ApplicationScoped
public class HubLiveness implements HealthCheck {

    @Inject
    SessionRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hub").up().withData("sessions", registry.openSessions()).build();
    }
}
