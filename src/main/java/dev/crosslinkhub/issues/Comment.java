package dev.crosslinkhub.issues;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A comment on an issue; comments are never edited. */
@Entity
@Table(name = "hub_comment")
public class Comment {

    /** From the sequence {@code hub_comment_ids}, drawn by {@link dev.crosslinkhub.storage.IdSequences}. */
    @Id
    private Long id;

    @Column(name = "issue_id", nullable = false)
    private long issueId;

    @Column(nullable = false, length = 1 << 20)
    private String content;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CommentKind kind;

    @Column(name = "trigger_type", length = 256)
    private String triggerType;

    @Column(name = "intervention_context", length = 65536)
    private String interventionContext;

    protected Comment() {
    }

    Comment(long id, long issueId, String content, CommentKind kind, String triggerType, String interventionContext, Instant now) {
        this.id = id;
        this.issueId = issueId;
        this.content = content;
        this.kind = kind;
        this.triggerType = triggerType;
        this.interventionContext = interventionContext;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    public long issueId() {
        return issueId;
    }

    public String content() {
        return content;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public CommentKind kind() {
        return kind;
    }

    public String triggerType() {
        return triggerType;
    }

    public String interventionContext() {
        return interventionContext;
    }
}
