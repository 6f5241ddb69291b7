package dev.crosslinkhub.sync;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.locks.LockService;
import dev.crosslinkhub.settings.ProjectConfigService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/sync}: the lock counts are real; fetch and push answer crosslink's "not initialized". */
@RequestScoped
@Path("sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private static final String WHY = "crosslink-hub keeps its state in its database; there is no git hub branch to sync.";

    @Inject
    LockService locks;

    @Inject
    ProjectConfigService config;

    @GET
    @Path("status")
    public Map<String, Object> status() {
        Instant now = Instant.now();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("hub_initialized", false);
        status.put("hub_branch", "crosslink/hub");
        status.put("remote", config.current().remote());
        status.put("active_lock_count", locks.count());
        status.put("stale_lock_count", locks.countHeldBySilentAgents(now.minus(config.staleLockTimeout())));
        return status;
    }

    @POST
    @Path("fetch")
    public Response fetch() {
        return notInitialized();
    }

    @POST
    @Path("push")
    public Response push() {
        return notInitialized();
    }

    private static Response notInitialized() {
        return ErrorBody.respond(Response.Status.CONFLICT, new ErrorBody("Hub not initialized", WHY));
    }
}
