package dev.crosslinkhub.testapp;

import dev.crosslinkhub.events.HubEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Fires events inside JTA transactions, as a business bean would. */
@ApplicationScoped
public class TransactionalFirer {

    /** Thrown to roll a transaction back. */
    public static class Abort extends RuntimeException {
        public Abort() {
            super("rolled back on purpose");
        }
    }

    @Inject
    Event<HubEvent> events;

    @Transactional
    public void fireAndCommit(HubEvent event) {
        events.fire(event);
    }

    @Transactional
    public void fireAndRollBack(HubEvent event) {
        events.fire(event);
        throw new Abort();
    }
}
