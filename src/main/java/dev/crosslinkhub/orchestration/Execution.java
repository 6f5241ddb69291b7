package dev.crosslinkhub.orchestration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The one execution, as crosslink has one {@code execution.json}. Every stage transition locks
 * this row first, so transitions of one execution happen one after the other.
 */
@Entity
@Table(name = "hub_execution")
public class Execution {

    static final int THE_EXECUTION = 1;

    @Id
    private int id = THE_EXECUTION;

    @Column(name = "plan_id", nullable = false, length = 64)
    private String planId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ExecutionState state;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected Execution() {
    }

    Execution(String planId) {
        this.planId = planId;
        this.state = ExecutionState.IDLE;
    }

    void start(String plan, Instant now) {
        planId = plan;
        state = ExecutionState.RUNNING;
        startedAt = now;
        completedAt = null;
    }

    void moveTo(ExecutionState next, Instant now) {
        state = next;
        completedAt = next == ExecutionState.DONE || next == ExecutionState.FAILED ? now : null;
    }

    public String planId() {
        return planId;
    }

    public ExecutionState state() {
        return state;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
