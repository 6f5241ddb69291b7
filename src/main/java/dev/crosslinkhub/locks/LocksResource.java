package dev.crosslinkhub.locks;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.events.LockAction;
import dev.crosslinkhub.events.LockChanged;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Map;

/** {@code /api/v1/locks}. */
@RequestScoped
@Path("locks")
@Produces(MediaType.APPLICATION_JSON)
public class LocksResource {

    @Inject
    Event<LockChanged> lockChanged;

    /** crosslink's trigger: announce a lock change on the {@code locks} channel; nothing is stored. */
    @POST
    @Path("notify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response notify(@NotNull(message = "a JSON body is required") @Valid LockNotification body) {
        LockAction action = Arrays.stream(LockAction.values())
                .filter(candidate -> candidate.wireName().equals(body.action()))
                .findFirst()
                .orElse(null);
        if (action == null) {
            // crosslink 0.8's exact body for this case: the message in `error`, no `detail`.
            return ErrorBody.respond(Response.Status.BAD_REQUEST,
                    new ErrorBody("Invalid lock action '" + body.action() + "'. Must be 'claimed' or 'released'", null));
        }
        lockChanged.fire(new LockChanged(body.issueId(), action, body.agentId()));
        return Response.ok(Map.of("ok", true)).build();
    }
}
