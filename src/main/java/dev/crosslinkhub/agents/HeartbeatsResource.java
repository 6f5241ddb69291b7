package dev.crosslinkhub.agents;

import dev.crosslinkhub.locks.LockService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** {@code POST /api/v1/heartbeats}: crosslink reads heartbeat files; agents send us the same fields. */
@RequestScoped
@Path("heartbeats")
@Produces(MediaType.APPLICATION_JSON)
public class HeartbeatsResource {

    private static final int ATTEMPTS = 3;

    @Inject
    AgentService agents;

    @Inject
    LockService locks;

    @Inject
    StatusThresholds thresholds;

    /**
     * An agent's heartbeat. Two heartbeats of one agent at once may collide in the database; the
     * loser is retried, and whichever commits announces.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public AgentSummary heartbeat(@NotNull(message = "a JSON body is required") HeartbeatReport body) {
        HeartbeatReport report = body.checked();
        for (int attempt = 1; ; attempt++) {
            Instant now = Instant.now();
            try {
                Agent agent = agents.heartbeat(report.agentId(), report.machineId(),
                        report.lastHeartbeat() == null ? now : report.lastHeartbeat(), report.activeIssueId(), now);
                return AgentSummary.of(agent, thresholds.statusAt(agent.lastHeartbeat(), now), locks.issuesHeldBy(agent.agentId()));
            } catch (PersistenceException | TransactionalException collided) {
                if (attempt == ATTEMPTS) {
                    throw collided;
                }
            }
        }
    }
}
