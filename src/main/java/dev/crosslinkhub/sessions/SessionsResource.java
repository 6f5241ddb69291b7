package dev.crosslinkhub.sessions;

import static dev.crosslinkhub.api.WireValues.maxBytes;

import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.api.WireValues;
import dev.crosslinkhub.issues.IssueService;
import dev.crosslinkhub.storage.IdSequences;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/sessions}: crosslink's session routes; none announces anything. */
@RequestScoped
@Transactional
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private static final String BODY = "a JSON body is required ({} will do)";

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    IssueService issues;

    @Inject
    IdSequences ids;

    public record Start(String agentId) {
    }

    public record End(String notes) {
    }

    /** The newest session not yet ended, for {@code agent_id} or for anyone. */
    @GET
    @Path("current")
    public WorkSession.View current(@QueryParam("agent_id") String agentId) {
        return open(agentId).map(WorkSession::view)
                .orElseThrow(() -> RequestRejected.notFound("No active session found"));
    }

    @POST
    @Path("start")
    public WorkSession.View start(@NotNull(message = BODY) Start body) {
        String agentId = maxBytes("agent_id", body.agentId(), 256);
        WorkSession session = new WorkSession(ids.next("hub_session_ids"), agentId, Instant.now());
        em.persist(session);
        em.flush();
        return session.view();
    }

    @POST
    @Path("end")
    public Map<String, Boolean> end(@QueryParam("agent_id") String agentId, @NotNull(message = BODY) End body) {
        WorkSession session = open(agentId).orElseThrow(() -> RequestRejected.notFound("No active session to end"));
        session.end(maxBytes("notes", body.notes(), 65536), Instant.now());
        return Map.of("ok", true);
    }

    @POST
    @Path("work/{id}")
    public Map<String, Boolean> work(@PathParam("id") String id, @QueryParam("agent_id") String agentId) {
        long issueId = WireValues.id("id", id);
        if (!issues.exists(issueId)) {
            throw RequestRejected.notFound("Issue " + issueId + " not found");
        }
        WorkSession session = open(agentId).orElseThrow(
                () -> RequestRejected.notFound("No active session — call POST /sessions/start first"));
        session.workOn(issueId);
        return Map.of("ok", true);
    }

    private Optional<WorkSession> open(String agentId) {
        TypedQuery<WorkSession> query = em.createQuery("select s from WorkSession s where s.endedAt is null"
                + (agentId == null ? "" : " and s.agentId = :agent") + " order by s.startedAt desc, s.id desc", WorkSession.class);
        if (agentId != null) {
            query.setParameter("agent", agentId);
        }
        return query.setMaxResults(1).getResultStream().findFirst();
    }
}
