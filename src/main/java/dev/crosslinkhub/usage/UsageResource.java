package dev.crosslinkhub.usage;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.api.RequestRejected;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/usage}: reports, newest first, and totals per agent and model. */
@RequestScoped
@Transactional
@Path("usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    IdSequences ids;

    @Inject
    PageSizes pages;

    public record SummaryRow(String agentId, String model, long requestCount, long totalInputTokens, long totalOutputTokens,
                             long totalCacheReadTokens, long totalCacheCreationTokens, double totalCost) {
    }

    public record Summary(List<SummaryRow> items, long totalInputTokens, long totalOutputTokens, double totalCost) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(@NotNull(message = "a JSON body is required") UsageReport body) {
        UsageReport report = body.checked();
        TokenUsage usage = new TokenUsage(ids.next("hub_usage_ids"), report, Instant.now());
        em.persist(usage);
        em.flush();
        return Response.status(Response.Status.CREATED).entity(usage.view()).build();
    }

    /**
     * {@code from} and {@code to} are RFC 3339 instants (crosslink compares them as strings). crosslink
     * has {@code limit} here, with no default and no maximum; here it pages like every list.
     */
    @GET
    public Listing<TokenUsage.View> list(@QueryParam("agent_id") String agentId, @QueryParam("session_id") Long sessionId,
                                         @QueryParam("model") String model, @QueryParam("from") String from,
                                         @QueryParam("to") String to, @QueryParam("limit") String limit,
                                         @QueryParam("offset") String offset) {
        Page page = pages.page(limit, offset);
        TypedQuery<TokenUsage> rows = query("select u from TokenUsage u", agentId, sessionId, model, from, to,
                " order by u.timestamp desc, u.id desc", TokenUsage.class);
        return page.of(rows, () -> query("select count(u) from TokenUsage u", agentId, sessionId, model, from, to, "",
                Long.class).getSingleResult()).map(TokenUsage::view);
    }

    @GET
    @Path("summary")
    public Summary summary(@QueryParam("agent_id") String agentId, @QueryParam("from") String from, @QueryParam("to") String to) {
        List<SummaryRow> rows = new ArrayList<>();
        for (Object[] row : query("select u.agentId, u.model, count(u), sum(u.inputTokens), sum(u.outputTokens),"
                        + " sum(coalesce(u.cacheReadTokens, 0)), sum(coalesce(u.cacheCreationTokens, 0)), sum(coalesce(u.costEstimate, 0.0))"
                        + " from TokenUsage u", agentId, null, null, from, to, " group by u.agentId, u.model order by u.agentId, u.model",
                Object[].class).getResultList()) {
            rows.add(new SummaryRow((String) row[0], (String) row[1], ((Number) row[2]).longValue(), ((Number) row[3]).longValue(),
                    ((Number) row[4]).longValue(), ((Number) row[5]).longValue(), ((Number) row[6]).longValue(),
                    ((Number) row[7]).doubleValue()));
        }
        return new Summary(rows, rows.stream().mapToLong(SummaryRow::totalInputTokens).sum(),
                rows.stream().mapToLong(SummaryRow::totalOutputTokens).sum(), rows.stream().mapToDouble(SummaryRow::totalCost).sum());
    }

    private <T> TypedQuery<T> query(String select, String agentId, Long sessionId, String model, String from, String to,
                                    String tail, Class<T> type) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (agentId != null) {
            where.append(" and u.agentId = :agent");
            parameters.put("agent", agentId);
        }
        if (sessionId != null) {
            where.append(" and u.sessionId = :session");
            parameters.put("session", sessionId);
        }
        if (model != null) {
            where.append(" and u.model = :model");
            parameters.put("model", model);
        }
        if (from != null) {
            where.append(" and u.timestamp >= :from");
            parameters.put("from", instant("from", from));
        }
        if (to != null) {
            where.append(" and u.timestamp <= :to");
            parameters.put("to", instant("to", to));
        }
        TypedQuery<T> query = em.createQuery(select + where + tail, type);
        parameters.forEach(query::setParameter);
        return query;
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw RequestRejected.badRequest(field + " must be an RFC 3339 instant such as 2026-04-17T09:15:02Z, not '" + value + "'");
        }
    }
}
