package dev.crosslinkhub.settings;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/config}. */
@RequestScoped
@Path("config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    @Inject
    ProjectConfigService config;

    @GET
    public ProjectConfig.View get() {
        return config.current();
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public ProjectConfig.View patch(@NotNull(message = "a JSON body is required") ProjectConfig.Patch patch) {
        return config.change(patch);
    }
}
