package dev.crosslinkhub.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One report of tokens an agent used. */
@Entity
@Table(name = "hub_token_usage")
public class TokenUsage {

    /** From the sequence {@code hub_usage_ids}, drawn by {@link dev.crosslinkhub.storage.IdSequences}. */
    @Id
    private Long id;

    @Column(name = "agent_id", nullable = false, length = 256)
    private String agentId;

    @Column(name = "session_id")
    private Long sessionId;

    @Column(nullable = false)
    private Instant timestamp;

    @Column(name = "input_tokens", nullable = false)
    private long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    private long outputTokens;

    @Column(name = "cache_read_tokens")
    private Long cacheReadTokens;

    @Column(name = "cache_creation_tokens")
    private Long cacheCreationTokens;

    @Column(nullable = false, length = 256)
    private String model;

    @Column(name = "cost_estimate")
    private Double costEstimate;

    protected TokenUsage() {
    }

    TokenUsage(long id, UsageReport report, Instant now) {
        this.id = id;
        agentId = report.agentId();
        sessionId = report.sessionId();
        timestamp = now;
        inputTokens = report.inputTokens();
        outputTokens = report.outputTokens();
        cacheReadTokens = report.cacheReadTokens();
        cacheCreationTokens = report.cacheCreationTokens();
        model = report.model() == null ? "unknown" : report.model();
        costEstimate = report.costEstimate();
    }

    /** crosslink's TokenUsage; optional fields omitted when absent. */
    public record View(long id, String agentId, Long sessionId, Instant timestamp, long inputTokens, long outputTokens,
                       Long cacheReadTokens, Long cacheCreationTokens, String model, Double costEstimate) {
    }

    View view() {
        return new View(id, agentId, sessionId, timestamp, inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens,
                model, costEstimate);
    }
}
