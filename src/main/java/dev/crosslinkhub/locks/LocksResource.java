package dev.crosslinkhub.locks;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.events.LockAction;
import dev.crosslinkhub.events.LockChanged;
import dev.crosslinkhub.settings.ProjectConfigService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code /api/v1/locks}: who holds what, claims and releases, and crosslink's notify trigger.
 * Application-scoped: it keeps no state of a request, and an agent team posts notifies by the
 * thousand a second, each of which would otherwise make and inject a resource instance.
 */
@ApplicationScoped
@Path("locks")
@Produces(MediaType.APPLICATION_JSON)
public class LocksResource {

    private static final Map<String, Boolean> OK = Map.of("ok", true);
    /** notify's answer, written as it is: binding a one-field map per request cost a twentieth of the route. */
    private static final String NOTIFIED = "{\"ok\":true}";

    @Inject
    LockService locks;

    @Inject
    Event<LockChanged> lockChanged;

    @Inject
    ProjectConfigService config;

    @Inject
    PageSizes pages;

    /**
     * Every lock; {@code is_stale} when it was claimed at least the stale timeout ago. crosslink
     * reads that timeout from two places with two defaults (30 and 60); here it is the config's.
     */
    @GET
    public Listing<LockEntry> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Page page = pages.page(limit, offset);
        Instant now = Instant.now();
        Duration timeout = config.staleLockTimeout();
        return locks.list(page).map(lock -> LockEntry.of(lock, now, !lock.claimedAt().plus(timeout).isAfter(now)));
    }

    /** Locks whose holder's last heartbeat is older than the stale timeout (or who never sent one). */
    @GET
    @Path("stale")
    public Listing<LockEntry> stale(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Page page = pages.page(limit, offset);
        Instant now = Instant.now();
        return locks.heldBySilentAgents(now.minus(config.staleLockTimeout()), page).map(lock -> LockEntry.of(lock, now, true));
    }

    /** Claims the lock on an issue: 409 naming the holder when another agent has it. */
    @POST
    @Path("{issueId}/claim")
    @Consumes(MediaType.APPLICATION_JSON)
    public LockEntry claim(@PathParam("issueId") long issueId,
                           @NotNull(message = "a JSON body is required") LockClaim request) {
        LockClaim body = request.checked();
        try {
            return LockEntry.of(locks.claim(issueId, body.agentId(), body.branch()), Instant.now(), false);
        } catch (PersistenceException | TransactionalException lostTheRace) {
            // Another claim committed first; name it like any other holder.
            throw locks.find(issueId)
                    .map(winner -> RequestRejected.conflict(LockService.heldBy(winner)))
                    .orElseGet(() -> RequestRejected.conflict("Issue #" + issueId + " was claimed concurrently; try again"));
        }
    }

    /** Releases a lock its holder no longer needs: 404 when nobody holds it, 409 when someone else does. */
    @POST
    @Path("{issueId}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> release(@PathParam("issueId") long issueId,
                                        @NotNull(message = "a JSON body is required") LockClaim request) {
        LockClaim body = request.checked();
        locks.release(issueId, body.agentId());
        return OK;
    }

    /** crosslink's trigger: announce a lock change on the {@code locks} channel; nothing is stored. */
    @POST
    @Path("notify")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response notify(LockNotification request) {
        // checked by hand, not by a constraint: method validation was an eighth of this route's CPU
        if (request == null) {
            throw RequestRejected.badRequest("body a JSON body is required");
        }
        LockNotification body = request.checked();
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
        return Response.ok(NOTIFIED, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
