package dev.crosslinkhub.orchestration;

import dev.crosslinkhub.events.StageStatus;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A stage of the executing plan, with its status and agent. */
@Entity
@Table(name = "hub_stage_run")
public class StageRun {

    @Id
    @Column(name = "stage_id", length = 160)
    private String stageId;

    @Column(name = "plan_id", nullable = false, length = 64)
    private String planId;

    @Column(name = "phase_id", nullable = false, length = 128)
    private String phaseId;

    @Column(nullable = false, length = 512)
    private String title;

    @Column(name = "position", nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private StageStatus status;

    @Column(name = "agent_id", length = 256)
    private String agentId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "hub_stage_dependency", joinColumns = @JoinColumn(name = "stage_id"))
    @Column(name = "depends_on", length = 160)
    private List<String> dependsOn = new ArrayList<>();

    protected StageRun() {
    }

    StageRun(String planId, String phaseId, PlanDocument.Stage stage, int position) {
        this.stageId = stage.id();
        this.planId = planId;
        this.phaseId = phaseId;
        this.title = stage.title();
        this.position = position;
        this.status = StageStatus.PENDING;
        this.dependsOn = new ArrayList<>(stage.dependsOn());
    }

    void moveTo(StageStatus next) {
        status = next;
    }

    void assign(String agent) {
        agentId = agent;
    }

    public String stageId() {
        return stageId;
    }

    public String planId() {
        return planId;
    }

    public String phaseId() {
        return phaseId;
    }

    public String title() {
        return title;
    }

    public int position() {
        return position;
    }

    public StageStatus status() {
        return status;
    }

    public String agentId() {
        return agentId;
    }

    public List<String> dependsOn() {
        return dependsOn;
    }
}
