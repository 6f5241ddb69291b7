package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.relay.RelayLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The hub's settings (MicroProfile Config); README.md lists them. Who may connect: {@link dev.crosslinkhub.hub.access.AccessSettings}. */
@ApplicationScoped
public class HubSettings {

    @Inject
    @ConfigProperty(name = "hub.outbox.max-messages", defaultValue = "256")
    int outboxMaxMessages;

    @Inject
    @ConfigProperty(name = "hub.outbox.max-bytes", defaultValue = "4194304")
    long outboxMaxBytes;

    @Inject
    @ConfigProperty(name = "hub.evict.max-overflows", defaultValue = "32")
    int evictMaxOverflows;

    @Inject
    @ConfigProperty(name = "hub.send.max-in-flight", defaultValue = "16")
    int sendMaxInFlight;

    @Inject
    @ConfigProperty(name = "hub.evict.send-timeout-ms", defaultValue = "10000")
    long evictSendTimeoutMs;

    @Inject
    @ConfigProperty(name = "hub.inbound.max-frame-bytes", defaultValue = "65536")
    int inboundMaxFrameBytes;

    @Inject
    @ConfigProperty(name = "hub.sender.threads", defaultValue = "4")
    int senderThreads;

    /** Whether the hub spans the cluster through Payara's data grid when the server runs one. */
    @Inject
    @ConfigProperty(name = "hub.cluster.enabled", defaultValue = "true")
    boolean clusterEnabled;

    @Inject
    @ConfigProperty(name = "hub.resume.max-events", defaultValue = "100000")
    int resumeMaxEvents;

    @Inject
    @ConfigProperty(name = "hub.resume.max-bytes", defaultValue = "67108864")
    long resumeMaxBytes;

    @Inject
    @ConfigProperty(name = "hub.resume.max-age-seconds", defaultValue = "3600")
    long resumeMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "hub.sender.cache-service-lookups", defaultValue = "true")
    boolean cacheServiceLookups;

    @Inject
    @ConfigProperty(name = "hub.ws.max-subscribes-per-second", defaultValue = "20")
    int maxSubscribesPerSecond;

    @Inject
    @ConfigProperty(name = "hub.cluster.max-pending", defaultValue = "10000")
    int clusterMaxPending;

    @Inject
    @ConfigProperty(name = "hub.cluster.publish-wait-ms", defaultValue = "2000")
    long clusterPublishWaitMs;

    @Inject
    @ConfigProperty(name = "hub.ws.max-frames-per-second", defaultValue = "100")
    int maxFramesPerSecond;

    @Inject
    @ConfigProperty(name = "hub.ws.max-connections-per-address", defaultValue = "0")
    int maxConnectionsPerAddress;

    @Inject
    @ConfigProperty(name = "hub.keepalive.interval-ms", defaultValue = "30000")
    long keepaliveIntervalMs;

    @Inject
    @ConfigProperty(name = "hub.keepalive.timeout-ms", defaultValue = "10000")
    long keepaliveTimeoutMs;

    @Inject
    @ConfigProperty(name = "hub.channels")
    Optional<String> extraChannels;

    OutboxLimits outboxLimits() {
        return new OutboxLimits(Math.max(1, outboxMaxMessages), Math.max(1, outboxMaxBytes), Math.max(0, evictMaxOverflows),
                Math.max(1, sendMaxInFlight));
    }

    Duration sendTimeout() {
        return Duration.ofMillis(Math.max(1, evictSendTimeoutMs));
    }

    int inboundMaxFrameBytes() {
        return Math.max(64, inboundMaxFrameBytes);
    }

    int senderThreads() {
        return Math.max(1, senderThreads);
    }

    boolean clusterEnabled() {
        return clusterEnabled;
    }

    int resumeMaxEvents() {
        return Math.max(1, resumeMaxEvents);
    }

    /** Characters of event JSON the resume log keeps, at most (a 5 MB event must not keep 100,000 of its like). */
    long resumeMaxBytes() {
        return Math.max(1, resumeMaxBytes);
    }

    Duration resumeMaxAge() {
        return Duration.ofSeconds(Math.max(1, resumeMaxAgeSeconds));
    }

    boolean cacheServiceLookups() {
        return cacheServiceLookups;
    }

    /** 0: no limit (behind a proxy every client has the proxy's address). */
    int maxConnectionsPerAddress() {
        return Math.max(0, maxConnectionsPerAddress);
    }

    int maxSubscribesPerSecond() {
        return Math.max(1, maxSubscribesPerSecond);
    }

    /** How much a firing request may queue and wait for the data grid. */
    RelayLimits relayLimits() {
        return new RelayLimits(Math.max(1, clusterMaxPending), Duration.ofMillis(Math.max(1, clusterPublishWaitMs)));
    }

    /** Messages and pongs a session may send in a second; 0 for no limit. */
    int maxFramesPerSecond() {
        return maxFramesPerSecond <= 0 ? Integer.MAX_VALUE : maxFramesPerSecond;
    }

    /** How long a session may stay quiet before the hub pings it; 0 never pings. */
    Duration keepaliveInterval() {
        return Duration.ofMillis(Math.max(0, keepaliveIntervalMs));
    }

    Duration keepaliveTimeout() {
        return Duration.ofMillis(Math.max(1, keepaliveTimeoutMs));
    }

    /** Channels of the application's own event types, declared so clients may subscribe before the first one fires. */
    Set<String> extraChannels() {
        // a plain string split here: Payara's MicroProfile Config cannot inject Optional<List<String>>
        return Arrays.stream(extraChannels.orElse("").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
