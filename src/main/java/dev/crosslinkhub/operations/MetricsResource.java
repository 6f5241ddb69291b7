package dev.crosslinkhub.operations;

import dev.crosslinkhub.hub.HubMetrics;
import dev.crosslinkhub.hub.SessionRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /api/v1/metrics}: the hub's metrics in Prometheus' text format (scrape it with the
 * API token as a bearer token). Under {@code /api/v1} because Payara Micro serves its own
 * {@code /metrics} at the server root.
 */
@RequestScoped
@Path("metrics")
public class MetricsResource {

    @Inject
    SessionRegistry registry;

    @Inject
    HubMetrics metrics;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return metrics.text(registry.snapshot());
    }
}
