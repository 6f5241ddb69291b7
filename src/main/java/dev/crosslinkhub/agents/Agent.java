package dev.crosslinkhub.agents;

import dev.crosslinkhub.events.AgentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An agent as its last heartbeat describes it, and the status last announced for it. The version
 * makes a heartbeat and a sweep that race on one agent commit one after the other, never both
 * announcing the same change.
 */
@Entity
@Table(name = "hub_agent")
public class Agent {

    @Id
    @Column(name = "agent_id", length = 256)
    private String agentId;

    @Column(name = "machine_id", nullable = false, length = 256)
    private String machineId;

    @Column(name = "last_heartbeat", nullable = false)
    private Instant lastHeartbeat;

    @Column(name = "active_issue_id")
    private Long activeIssueId;

    @Enumerated(EnumType.STRING)
    @Column(name = "announced_status", length = 16)
    private AgentStatus announcedStatus;

    @Version
    private long version;

    protected Agent() {
    }

    Agent(String agentId) {
        this.agentId = agentId;
        this.machineId = "";
    }

    /** Records a heartbeat; true when it is news (a first one, or a new time). */
    boolean beat(String machineId, Instant at, Long activeIssueId) {
        boolean news = !at.equals(lastHeartbeat);
        this.machineId = machineId == null ? this.machineId : machineId;
        this.lastHeartbeat = at;
        this.activeIssueId = activeIssueId;
        return news;
    }

    /** Records the status now due; true when it differs from the one last announced. */
    boolean settle(AgentStatus due) {
        if (due == announcedStatus) {
            return false;
        }
        announcedStatus = due;
        return true;
    }

    AgentStatus announcedStatus() {
        return announcedStatus;
    }

    public String agentId() {
        return agentId;
    }

    public String machineId() {
        return machineId;
    }

    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    public Long activeIssueId() {
        return activeIssueId;
    }
}
