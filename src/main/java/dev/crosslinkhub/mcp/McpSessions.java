package dev.crosslinkhub.mcp;

import dev.crosslinkhub.hub.Allowance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP sessions this hub serves, as {@link McpGate} sees them: for the limit of sessions per
 * token and each session's request allowance. The SDK keeps the sessions themselves and closes an idle one on
 * its own sweep; a session counts here until it is deleted, answered 404 (gone), or idle for
 * {@code hub.mcp.session-idle-seconds}. Its map is touched by this class alone.
 */
@ApplicationScoped
public class McpSessions {

    @Inject
    McpSettings settings;

    private final Map<String, Seen> sessions = new ConcurrentHashMap<>();
    private long idleNanos;

    private static final class Seen {
        final Allowance allowance;
        /** The generation of the token the session was opened with: a rotation leaves it unable to ask, and uncounted. */
        final long token;
        volatile long lastNanos;

        Seen(Allowance allowance, long token, long nowNanos) {
            this.allowance = allowance;
            this.token = token;
            this.lastNanos = nowNanos;
        }
    }

    @PostConstruct
    void read() {
        idleNanos = settings.sessionIdle().toNanos();
    }

    /**
     * Whether a new session of the token of generation {@code token} fits under
     * {@code hub.mcp.max-sessions}, once the idle ones, and those of rotated-away tokens, are forgotten.
     */
    boolean roomForOneMore(long token, long nowNanos) {
        sessions.values().removeIf(seen -> nowNanos - seen.lastNanos > idleNanos || seen.token < token);
        return sessions.values().stream().filter(seen -> seen.token == token).count() < settings.maxSessions();
    }

    void opened(String id, long token, long nowNanos) {
        sessions.put(id, new Seen(new Allowance(settings.maxRequestsPerSecond(), nowNanos), token, nowNanos));
    }

    /** A request on session {@code id}: its allowance (a session the hub does not know gets one of its own, and the SDK's 404). */
    Allowance touch(String id, long token, long nowNanos) {
        Seen seen = sessions.computeIfAbsent(id, unknown -> new Seen(new Allowance(settings.maxRequestsPerSecond(), nowNanos), token, nowNanos));
        seen.lastNanos = nowNanos;
        return seen.allowance;
    }

    void ended(String id) {
        sessions.remove(id);
    }

    int open() {
        return sessions.size();
    }
}
