package dev.crosslinkhub.milestones;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A milestone and the issues assigned to it (an issue belongs to one milestone at most). */
@Entity
@Table(name = "hub_milestone")
public class Milestone {

    /** From the sequence {@code hub_milestone_ids}, drawn by {@link dev.crosslinkhub.storage.IdSequences}. */
    @Id
    private Long id;

    @Column(nullable = false, length = 512)
    private String name;

    @Column(length = 65536)
    private String description;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @ElementCollection
    @CollectionTable(name = "hub_milestone_issue", joinColumns = @JoinColumn(name = "milestone_id"))
    @Column(name = "issue_id", unique = true)
    private Set<Long> issueIds = new TreeSet<>();

    protected Milestone() {
    }

    Milestone(long id, String name, String description, Instant now) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.status = "open";
        this.createdAt = now;
    }

    void close(Instant now) {
        status = "closed";
        closedAt = now;
    }

    Set<Long> issueIds() {
        return issueIds;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
