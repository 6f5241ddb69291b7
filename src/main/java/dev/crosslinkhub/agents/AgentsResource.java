package dev.crosslinkhub.agents;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.events.AgentStatus;
import dev.crosslinkhub.locks.LockService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/agents}: who is working, and how recently they said so. */
@RequestScoped
@Path("agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @Inject
    AgentService agents;

    @Inject
    LockService locks;

    @Inject
    StatusThresholds thresholds;

    @Inject
    PageSizes pages;

    @GET
    public Listing<AgentSummary> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Page page = pages.page(limit, offset);
        Instant now = Instant.now();
        return agents.list(page).map(agent -> AgentSummary.of(agent, thresholds.statusAt(agent.lastHeartbeat(), now),
                locks.issuesHeldBy(agent.agentId())));
    }

    /** Never 404, as in crosslink: an agent never heard of is {@code unknown}. */
    @GET
    @Path("{agentId}")
    public AgentDetail get(@PathParam("agentId") String agentId) {
        Instant now = Instant.now();
        List<Long> held = locks.issuesHeldBy(agentId);
        return agents.find(agentId)
                .map(agent -> AgentDetail.of(AgentSummary.of(agent, thresholds.statusAt(agent.lastHeartbeat(), now), held), true))
                .orElseGet(() -> AgentDetail.of(new AgentSummary(agentId, "", null, AgentStatus.UNKNOWN, now, null,
                        null, null, held), false));
    }

    /** crosslink reads this from the agent's worktree; this server has none, so it says so. */
    @GET
    @Path("{agentId}/status")
    public Map<String, Object> status(@PathParam("agentId") String agentId) {
        return Map.of("agent_id", agentId, "kickoff_status", "unknown", "tmux_session_active", false);
    }
}
