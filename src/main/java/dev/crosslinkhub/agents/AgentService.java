package dev.crosslinkhub.agents;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.events.AgentStatus;
import dev.crosslinkhub.events.AgentStatusChanged;
import dev.crosslinkhub.events.Heartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records heartbeats and settles each agent's status: {@code heartbeat} when a heartbeat is news,
 * {@code agent_status} when, and only when, the derived status differs from the one announced.
 */
@ApplicationScoped
@Transactional
public class AgentService {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<Heartbeat> heartbeats;

    @Inject
    Event<AgentStatusChanged> statusChanges;

    @Inject
    StatusThresholds thresholds;

    public Agent heartbeat(String agentId, String machineId, Instant at, Long activeIssueId, Instant now) {
        Agent known = em.find(Agent.class, agentId);
        Agent agent = known == null ? new Agent(agentId) : known;
        boolean news = agent.beat(machineId, at, activeIssueId);
        if (known == null) {
            em.persist(agent); // after beat(): Hibernate (WildFly) inserts the fields as persist() finds them, and last_heartbeat is not null
        }
        if (news) {
            heartbeats.fire(new Heartbeat(agentId, at, activeIssueId));
        }
        settle(agent, now);
        em.flush();
        return agent;
    }

    /** Announces the agent's status if it has changed by {@code now}; one transaction per agent. */
    public void settle(String agentId, Instant now) {
        Agent agent = em.find(Agent.class, agentId);
        if (agent != null) {
            settle(agent, now);
        }
    }

    private void settle(Agent agent, Instant now) {
        AgentStatus due = thresholds.statusAt(agent.lastHeartbeat(), now);
        if (agent.settle(due)) {
            statusChanges.fire(new AgentStatusChanged(agent.agentId(), due));
        }
    }

    /** Agents whose status at {@code now} is not the one last announced. */
    public List<String> unsettled(Instant now) {
        return all().stream()
                .filter(agent -> thresholds.statusAt(agent.lastHeartbeat(), now) != agent.announcedStatus())
                .map(Agent::agentId)
                .toList();
    }

    public Optional<Agent> find(String agentId) {
        return Optional.ofNullable(em.find(Agent.class, agentId));
    }

    /** Agents by id. */
    public Listing<Agent> list(Page page) {
        return page.of(em.createQuery("select a from Agent a order by a.agentId", Agent.class),
                () -> em.createQuery("select count(a) from Agent a", Long.class).getSingleResult());
    }

    private List<Agent> all() {
        return em.createQuery("select a from Agent a order by a.agentId", Agent.class).getResultList();
    }
}
