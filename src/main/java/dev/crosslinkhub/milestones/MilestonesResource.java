package dev.crosslinkhub.milestones;

import static dev.crosslinkhub.api.WireValues.maxBytes;
import static dev.crosslinkhub.api.WireValues.required;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.api.WireValues;
import dev.crosslinkhub.events.IssueUpdated;
import dev.crosslinkhub.issues.IssueService;
import dev.crosslinkhub.storage.IdSequences;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
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

/**
 * {@code /api/v1/milestones}. Assigning an issue announces {@code issue_updated} with field
 * {@code milestone}: crosslink announces nothing there, so its consoles miss the change.
 */
@RequestScoped
@Transactional
@Path("milestones")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MilestonesResource {

    private static final String BODY = "a JSON body is required";

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    IssueService issues;

    @Inject
    Event<IssueUpdated> issueUpdates;

    @Inject
    IdSequences ids;

    @Inject
    PageSizes pages;

    public record NewMilestone(String name, String description) {
    }

    public record Assignment(Long issueId) {
    }

    /** crosslink's MilestoneDetail. */
    @JsonbNillable
    public record Detail(long id, String name, String description, String status, Instant createdAt, Instant closedAt,
                         int issueCount, int completedCount, double progressPercent) {
    }

    /** {@code status}: open (the default), closed, or all; newest first. */
    @GET
    public Listing<Detail> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                @QueryParam("offset") String offset) {
        Page page = pages.page(limit, offset);
        String wanted = status == null ? "open" : status;
        String where = " from Milestone m" + (wanted.equals("all") ? "" : " where m.status = :status");
        TypedQuery<Milestone> rows = em.createQuery("select m" + where + " order by m.id desc", Milestone.class);
        TypedQuery<Long> count = em.createQuery("select count(m)" + where, Long.class);
        if (!wanted.equals("all")) {
            rows.setParameter("status", wanted);
            count.setParameter("status", wanted);
        }
        return page.of(rows, count::getSingleResult).map(this::detail);
    }

    @POST
    public Detail create(@NotNull(message = BODY) NewMilestone body) {
        String name = maxBytes("name", required("name", body.name()), 512);
        String description = maxBytes("description", body.description(), 65536);
        Milestone milestone = new Milestone(ids.next("hub_milestone_ids"), name, description, Instant.now());
        em.persist(milestone);
        em.flush();
        return detail(milestone);
    }

    @GET
    @Path("{id}")
    public Detail get(@PathParam("id") String id) {
        return detail(require(id));
    }

    @POST
    @Path("{id}/assign")
    public Map<String, Boolean> assign(@PathParam("id") String id, @NotNull(message = BODY) Assignment body) {
        Milestone milestone = require(id);
        if (body.issueId() == null) {
            throw RequestRejected.badRequest("issue_id is required");
        }
        if (!issues.exists(body.issueId())) {
            throw RequestRejected.notFound("Issue " + body.issueId() + " not found");
        }
        for (Milestone other : em.createQuery("select m from Milestone m where :issue member of m.issueIds", Milestone.class)
                .setParameter("issue", body.issueId()).getResultList()) {
            other.issueIds().remove(body.issueId());
        }
        em.flush();
        milestone.issueIds().add(body.issueId());
        issueUpdates.fire(new IssueUpdated(body.issueId(), "milestone"));
        return Map.of("ok", true);
    }

    @POST
    @Path("{id}/close")
    public Map<String, Boolean> close(@PathParam("id") String id) {
        require(id).close(Instant.now());
        return Map.of("ok", true);
    }

    private Milestone require(String id) {
        Milestone milestone = em.find(Milestone.class, WireValues.id("id", id));
        if (milestone == null) {
            throw RequestRejected.notFound("Milestone " + id + " not found");
        }
        return milestone;
    }

    private Detail detail(Milestone milestone) {
        int count = milestone.issueIds().size();
        int completed = (int) issues.countClosed(milestone.issueIds());
        return new Detail(milestone.id(), milestone.name(), milestone.description(), milestone.status(), milestone.createdAt(),
                milestone.closedAt(), count, completed, count == 0 ? 0.0 : 100.0 * completed / count);
    }
}
