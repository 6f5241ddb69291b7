package dev.crosslinkhub.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The limits of {@code /mcp} (MicroProfile Config); README.md lists them with the hub's other settings. */
@ApplicationScoped
public class McpSettings {

    /** The longest {@code wait_for_events} may wait; a longer {@code timeout_ms} is refused. */
    @Inject
    @ConfigProperty(name = "hub.mcp.max-wait-ms", defaultValue = "30000")
    long maxWaitMs;

    @Inject
    @ConfigProperty(name = "hub.mcp.max-requests-per-second", defaultValue = "100")
    int maxRequestsPerSecond;

    @Inject
    @ConfigProperty(name = "hub.mcp.max-sessions", defaultValue = "100")
    int maxSessions;

    /** Threads that answer MCP requests; a waiting agent holds one. Beyond, a 503. */
    @Inject
    @ConfigProperty(name = "hub.mcp.max-threads", defaultValue = "200")
    int maxThreads;

    /** A session without a request for this long is closed (checked as often: it goes after one to two of these). */
    @Inject
    @ConfigProperty(name = "hub.mcp.session-idle-seconds", defaultValue = "600")
    long sessionIdleSeconds;

    long maxWaitMs() {
        return maxWaitMs;
    }

    int maxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    int maxSessions() {
        return maxSessions;
    }

    int maxThreads() {
        return maxThreads;
    }

    Duration sessionIdle() {
        return Duration.ofSeconds(sessionIdleSeconds);
    }
}
