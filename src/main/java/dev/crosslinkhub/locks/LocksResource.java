package dev.crosslinkhub.locks;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.settings.ProjectConfigService;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /api/v1/locks}: who holds what, claims and releases (crosslink's notify trigger is
 * {@link NotifyRoute}). Application-scoped: it keeps no state of a request.
 */
@ApplicationScoped
@Path("locks")
@Produces(MediaType.APPLICATION_JSON)
public class LocksResource {

    private static final Map<String, Boolean> OK = Map.of("ok", true);

    @Inject
    LockService locks;

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
}
