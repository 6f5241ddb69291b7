package dev.crosslinkhub.usage;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row of the usage budget crosslink's dashboard shows on its Usage page: no limits, warn at 80 %, until changed. */
@Entity
@Table(name = "hub_usage_budget")
public class UsageBudget {

    static final int THE_BUDGET = 1;
    static final double DEFAULT_ALERT_THRESHOLD_PERCENT = 80;

    @Id
    private int id = THE_BUDGET;

    @Column(name = "daily_limit")
    private Double dailyLimit;

    @Column(name = "monthly_limit")
    private Double monthlyLimit;

    @Column(name = "alert_threshold_percent", nullable = false)
    private double alertThresholdPercent = DEFAULT_ALERT_THRESHOLD_PERCENT;

    /** crosslink's {@code BudgetConfig}: {@code {daily_limit, monthly_limit, alert_threshold_percent}}, a limit null for none. */
    @JsonbNillable
    public record View(Double dailyLimit, Double monthlyLimit, double alertThresholdPercent) {
    }

    View view() {
        return new View(dailyLimit, monthlyLimit, alertThresholdPercent);
    }

    void set(View budget) {
        dailyLimit = budget.dailyLimit();
        monthlyLimit = budget.monthlyLimit();
        alertThresholdPercent = budget.alertThresholdPercent();
    }
}
