package dev.crosslinkhub.orchestration;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A submitted plan: its document kept whole, as crosslink keeps {@code <plan-id>.json}. */
@Entity
@Table(name = "hub_plan")
public class StoredPlan {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    @Id
    @Column(length = 64)
    private String id;

    @Column(name = "source_document", length = 1 << 20)
    private String sourceDocument;

    @Column(name = "plan_json", nullable = false, length = 1 << 22)
    private String planJson;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    protected StoredPlan() {
    }

    StoredPlan(PlanDocument plan, String sourceDocument, Instant storedAt) {
        this.id = plan.id();
        this.sourceDocument = sourceDocument == null ? "" : sourceDocument;
        this.planJson = JSON.toJson(plan);
        this.storedAt = storedAt;
    }

    public String id() {
        return id;
    }

    public PlanDocument plan() {
        return JSON.fromJson(planJson, PlanDocument.class);
    }

    public String sourceDocument() {
        return sourceDocument;
    }

    public Instant storedAt() {
        return storedAt;
    }

    /** {@code {plan, source_document, stored_at}}. */
    public record View(PlanDocument plan, String sourceDocument, Instant storedAt) {
        static View of(StoredPlan stored) {
            return new View(stored.plan(), stored.sourceDocument(), stored.storedAt());
        }
    }
}
