package dev.crosslinkhub.hub;

import dev.crosslinkhub.events.HubEvent;
import dev.crosslinkhub.hub.relay.EncodedEvent;
import dev.crosslinkhub.hub.relay.EventIdStore;
import dev.crosslinkhub.hub.relay.EventRelay;
import dev.crosslinkhub.hub.relay.RelayChoice;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where committed events enter the hub: it observes every {@link HubEvent}, serializes it once,
 * and hands it to the {@link EventRelay}, which brings every instance's events back to this
 * instance's {@link FanOut} in one order, numbered. It owns the relay's life cycle.
 */
@ApplicationScoped
public class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class.getName());

    @Inject
    HubSettings settings;

    @Inject
    ChannelCatalog channels;

    @Inject
    EventIdStore idStore;

    @Inject
    HubMetrics metrics;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    private EventEncoder encoder;
    private FanOut fanOut;
    private EventRelay relay;

    @PostConstruct
    void start() {
        encoder = new EventEncoder();
        fanOut = new FanOut(settings.resumeMaxEvents(), settings.resumeMaxBytes(), settings.resumeMaxAge(), channels::learn);
        relay = RelayChoice.choose(settings.clusterEnabled(), idStore, executor, threads, settings.resumeMaxEvents(),
                settings.relayLimits());
        relay.start(fanOut);
        LOG.info(() -> "hub events relayed by: " + relay.describe());
    }

    /** Starts the relay at deployment, not at the first event, so that it reads the cluster's events from the start. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        LOG.fine(() -> "hub ready; event ids continue after " + relay.idsBefore());
    }

    /**
     * Every event any bean fires, after its transaction commits (at once outside a transaction).
     * Runs on the firing thread: it serializes once and hands the event to the relay.
     */
    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) HubEvent event) {
        EncodedEvent encoded = encoder.encode(event);
        channels.learn(encoded.channel());
        metrics.fired(event.type());
        relay.send(encoded);
    }

    /** The fan-out sessions attach to. */
    FanOut fanOut() {
        return fanOut;
    }

    /** How many instances this hub's events reach, this one included. */
    int members() {
        return relay.members();
    }

    /** Whether the relay holds every event with its backup, nothing migrating (always, on one instance). */
    boolean backedUp() {
        return relay.backedUp();
    }

    /** Events committed here that never went out (the relay was full, or its grid went away). */
    long unpublished() {
        return relay.unpublished();
    }

    /** Why events cannot be relayed now, or null: the hub is not ready while there is a reason. */
    public String relayTrouble() {
        return relay.trouble();
    }

    boolean started() {
        return encoder != null;
    }

    @PreDestroy
    void stop() {
        relay.close();
        try {
            encoder.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing the JSON-B encoder", e);
        }
    }
}
