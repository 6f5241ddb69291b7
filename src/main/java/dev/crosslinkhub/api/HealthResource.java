package dev.crosslinkhub.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/health}: crosslink's liveness answer, no token needed. */
@Path("health")
public class HealthResource {

    /** The crosslink protocol version this server speaks. */
    static final String CROSSLINK_VERSION = "0.8.0";

    public record Health(String status, String version) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Health health() {
        return new Health("ok", CROSSLINK_VERSION);
    }
}
