package dev.crosslinkhub.usage;

import dev.crosslinkhub.events.UsageBudgetChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Reads and changes the usage budget; a change that changes something is announced as {@code usage_budget_changed} once it commits. */
@ApplicationScoped
@Transactional
public class UsageBudgetService {

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<UsageBudgetChanged> changes;

    public UsageBudget.View current() {
        UsageBudget budget = em.find(UsageBudget.class, UsageBudget.THE_BUDGET);
        return (budget == null ? new UsageBudget() : budget).view();
    }

    UsageBudget.View change(UsageBudgetPatch patch) {
        UsageBudget budget = em.find(UsageBudget.class, UsageBudget.THE_BUDGET, LockModeType.PESSIMISTIC_WRITE);
        if (budget == null) {
            budget = new UsageBudget();
            em.persist(budget);
        }
        UsageBudget.View before = budget.view();
        UsageBudget.View after = patch.applyTo(before);
        if (!after.equals(before)) {
            budget.set(after);
            changes.fire(new UsageBudgetChanged(after.dailyLimit(), after.monthlyLimit(), after.alertThresholdPercent()));
        }
        return after;
    }
}
