package dev.crosslinkhub.hub;

import dev.crosslinkhub.events.Channels;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels a client may subscribe to: crosslink's four, those declared in
 * {@code hub.channels}, and any channel an event has been fired on since start.
 */
@ApplicationScoped
public class ChannelCatalog {

    @Inject
    HubSettings settings;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void load() {
        known.addAll(Channels.CROSSLINK);
        known.addAll(settings.extraChannels());
    }

    boolean isKnown(String channel) {
        return known.contains(channel);
    }

    Set<String> known() {
        return new java.util.TreeSet<>(known);
    }

    void learn(String channel) {
        known.add(channel);
    }
}
