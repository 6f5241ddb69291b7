package dev.crosslinkhub.events;

/**
 * The operator changed the usage budget ({@code PATCH /api/v1/usage/budget}): the limits in
 * dollars, null (omitted on the wire) for none, and the percentage of a limit that warns. On
 * {@code dashboard}, where crosslink 0.9 announces its dashboard's alerts.
 */
public record UsageBudgetChanged(Double dailyLimit, Double monthlyLimit, double alertThresholdPercent) implements HubEvent {

    @Override
    public String channel() {
        return Channels.DASHBOARD;
    }

    @Override
    public String type() {
        return "usage_budget_changed";
    }
}
