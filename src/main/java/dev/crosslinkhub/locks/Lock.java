package dev.crosslinkhub.locks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An agent's claim on an issue. The issue id is the key, so the database itself guarantees that
 * at most one agent holds a given lock, however many claim it at once.
 */
@Entity
@Table(name = "hub_lock")
public class Lock {

    @Id
    @Column(name = "issue_id")
    private long issueId;

    @Column(name = "agent_id", nullable = false, length = 256)
    private String agentId;

    @Column(length = 512)
    private String branch;

    @Column(name = "claimed_at", nullable = false)
    private Instant claimedAt;

    @Column(name = "signed_by", nullable = false, length = 256)
    private String signedBy;

    protected Lock() {
    }

    Lock(long issueId, String agentId, String branch, Instant claimedAt) {
        this.issueId = issueId;
        this.agentId = agentId;
        this.branch = branch;
        this.claimedAt = claimedAt;
        this.signedBy = agentId;
    }

    public long issueId() {
        return issueId;
    }

    public String agentId() {
        return agentId;
    }

    public String branch() {
        return branch;
    }

    public Instant claimedAt() {
        return claimedAt;
    }

    public String signedBy() {
        return signedBy;
    }
}
