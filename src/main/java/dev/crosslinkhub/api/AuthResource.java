package dev.crosslinkhub.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code POST /api/v1/auth/rotate}: a new API token, effective at once, for REST and {@code /ws}. */
@RequestScoped
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    ApiToken token;

    public record Rotation(String token) {
    }

    /** With {@code {"token":"…"}} that token; with no body or no token, a random one. */
    @POST
    @Path("rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> rotate(Rotation request) {
        return Map.of("token", token.rotate(request == null ? null : request.token()));
    }
}
