package dev.crosslinkhub.sessions;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** crosslink's Session. */
@Entity
@Table(name = "hub_session")
public class WorkSession {

    /** From the sequence {@code hub_session_ids}, drawn by {@link dev.crosslinkhub.storage.IdSequences}. */
    @Id
    private Long id;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "active_issue_id")
    private Long activeIssueId;

    @Column(name = "handoff_notes", length = 65536)
    private String handoffNotes;

    @Column(name = "last_action", length = 1024)
    private String lastAction;

    @Column(name = "agent_id", length = 256)
    private String agentId;

    protected WorkSession() {
    }

    WorkSession(long id, String agentId, Instant now) {
        this.id = id;
        this.agentId = agentId;
        this.startedAt = now;
    }

    void workOn(long issueId) {
        activeIssueId = issueId;
        lastAction = "working on issue #" + issueId;
    }

    void end(String notes, Instant now) {
        endedAt = now;
        handoffNotes = notes;
        lastAction = "ended";
    }

    /** {@code {id, started_at, ended_at|null, active_issue_id|null, handoff_notes|null, last_action|null, agent_id|null}}. */
    @JsonbNillable
    public record View(long id, Instant startedAt, Instant endedAt, Long activeIssueId, String handoffNotes,
                       String lastAction, String agentId) {
    }

    View view() {
        return new View(id, startedAt, endedAt, activeIssueId, handoffNotes, lastAction, agentId);
    }
}
