package dev.crosslinkhub.testapp;

import dev.crosslinkhub.events.AgentStatus;
import dev.crosslinkhub.events.AgentStatusChanged;
import dev.crosslinkhub.events.ExecutionProgress;
import dev.crosslinkhub.events.Heartbeat;
import dev.crosslinkhub.events.HubEvent;
import dev.crosslinkhub.events.IssueUpdated;
import dev.crosslinkhub.events.LockAction;
import dev.crosslinkhub.events.LockChanged;
import dev.crosslinkhub.events.StageStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/test-events}: fires events from a bean, only in test deployments. */
@RequestScoped
@Path("test-events")
@Produces(MediaType.APPLICATION_JSON)
public class TestEventsResource {

    static final Instant EXAMPLE_TIME = Instant.parse("2026-04-17T09:15:02.481923117Z");

    @Inject
    Event<HubEvent> events;

    @Inject
    Event<OrderShipped> orders;

    @Inject
    TransactionalFirer transactions;

    /** The seven events of the crosslink 0.8 contract's examples, in its order. */
    @POST
    @Path("contract-examples")
    public Map<String, Object> contractExamples() {
        List<HubEvent> examples = List.of(
                new Heartbeat("worker-1", EXAMPLE_TIME, 42L),
                new Heartbeat("worker-1", EXAMPLE_TIME, null),
                new AgentStatusChanged("worker-1", AgentStatus.ACTIVE),
                new IssueUpdated(42, "status"),
                new LockChanged(42, LockAction.CLAIMED, "worker-1"),
                new ExecutionProgress("7c9e…", "7c9e…-p0", "7c9e…-p0-s1", StageStatus.RUNNING, "worker-1"),
                new ExecutionProgress("7c9e…", "7c9e…-p0", "7c9e…-p0-s2", StageStatus.SKIPPED, null));
        examples.forEach(events::fire);
        return Map.of("fired", examples.size());
    }

    /** {@code count} orders numbered from {@code first}, each carrying {@code padding} characters. */
    @POST
    @Path("orders")
    public Map<String, Object> orders(@QueryParam("count") @DefaultValue("1") int count,
                                      @QueryParam("first") @DefaultValue("1") long first,
                                      @QueryParam("padding") @DefaultValue("0") int padding) {
        String pad = "x".repeat(padding);
        for (long id = first; id < first + count; id++) {
            orders.fire(new OrderShipped(id, "DHL", pad));
        }
        return Map.of("fired", count);
    }

    /**
     * A marker on {@code channel}. The hub delivers every event in one order, so a client that has
     * the marker has every event this instance handled before it was fired.
     */
    @POST
    @Path("marker")
    public Map<String, Object> marker(@QueryParam("channel") String channel, @QueryParam("name") String name) {
        if (channel == null || channel.isBlank() || name == null || name.isBlank()) {
            throw new BadRequestException("channel and name are required");
        }
        events.fire(new Marker(channel, name));
        return Map.of("fired", name);
    }

    @POST
    @Path("committed")
    public Map<String, Object> committed(@QueryParam("issue") long issue) {
        transactions.fireAndCommit(new LockChanged(issue, LockAction.CLAIMED, "committer"));
        return Map.of("committed", true);
    }

    @POST
    @Path("rolled-back")
    public Map<String, Object> rolledBack(@QueryParam("issue") long issue) {
        try {
            transactions.fireAndRollBack(new LockChanged(issue, LockAction.CLAIMED, "rolled-back"));
        } catch (TransactionalFirer.Abort expected) {
            return Map.of("rolled_back", true);
        }
        throw new IllegalStateException("the transaction did not roll back");
    }
}
