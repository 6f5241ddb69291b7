package dev.crosslinkhub.issues;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An issue. Labels and the ids of the issues that block it live with it; the version makes two
 * concurrent updates of one issue fail one of them rather than lose one silently.
 */
@Entity
@Table(name = "hub_issue")
public class Issue {

    /** From the sequence {@code hub_issue_ids}, drawn by {@link dev.crosslinkhub.storage.IdSequences}. */
    @Id
    private Long id;

    @Column(nullable = false, length = 512)
    private String title;

    @Column(length = 65536)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private IssueStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Priority priority;

    @Column(name = "parent_id")
    private Long parentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @ElementCollection
    @CollectionTable(name = "hub_issue_label", joinColumns = @JoinColumn(name = "issue_id"))
    @Column(name = "label", length = 128)
    private Set<String> labels = new TreeSet<>();

    @ElementCollection
    @CollectionTable(name = "hub_issue_blocker", joinColumns = @JoinColumn(name = "issue_id"))
    @Column(name = "blocker_id")
    private Set<Long> blockerIds = new TreeSet<>();

    @Version
    private long version;

    protected Issue() {
    }

    Issue(long id, String title, String description, Priority priority, Long parentId, Instant now) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.priority = priority;
        this.parentId = parentId;
        this.status = IssueStatus.OPEN;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void edit(String title, String description, Priority priority, Instant now) {
        if (title != null) {
            this.title = title;
        }
        if (description != null) {
            this.description = description;
        }
        if (priority != null) {
            this.priority = priority;
        }
        this.updatedAt = now;
    }

    void close(Instant now) {
        status = IssueStatus.CLOSED;
        closedAt = now;
        updatedAt = now;
    }

    void reopen(Instant now) {
        status = IssueStatus.OPEN;
        closedAt = null;
        updatedAt = now;
    }

    void orphan(Instant now) {
        parentId = null;
        updatedAt = now;
    }

    void touch(Instant now) {
        updatedAt = now;
    }

    Set<String> labels() {
        return labels;
    }

    Set<Long> blockerIds() {
        return blockerIds;
    }

    public Long id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public IssueStatus status() {
        return status;
    }

    public Priority priority() {
        return priority;
    }

    public Long parentId() {
        return parentId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
