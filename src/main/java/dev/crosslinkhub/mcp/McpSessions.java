package dev.crosslinkhub.mcp;

import dev.crosslinkhub.hub.Allowance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The MCP sessions this hub serves, as {@link McpGate} sees them: for the limit of sessions per
 * token and each session's request allowance. The SDK keeps the sessions themselves and closes an idle one on
 * its own sweep; a session counts here until it is deleted, answered 404 (gone), or idle for
 * {@code hub.mcp.session-idle-seconds}. Its map, and the lock {@link ResourceWatch} waits on for a
 * first session, are touched by this class alone.
 */
@ApplicationScoped
public class McpSessions {

    @Inject
    McpSettings settings;

    private final Map<String, Seen> sessions = new ConcurrentHashMap<>();
    private final ReentrantLock arrival = new ReentrantLock();
    private final Condition oneArrived = arrival.newCondition();
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
        arrived();
    }

    /** A request on session {@code id}: its allowance (a session the hub does not know gets one of its own, and the SDK's 404). */
    Allowance touch(String id, long token, long nowNanos) {
        Seen known = sessions.get(id);
        Seen seen = known != null ? known
                : sessions.computeIfAbsent(id, unknown -> new Seen(new Allowance(settings.maxRequestsPerSecond(), nowNanos), token, nowNanos));
        boolean back = known == null || nowNanos - seen.lastNanos > idleNanos;
        seen.lastNanos = nowNanos;
        if (back) {
            arrived();
        }
        return seen.allowance;
    }

    /**
     * Waits up to {@code wait} for a session that is open and not idle; true when there is one. The
     * resource watch parks here while no agent is connected over MCP, rather than wake for every event.
     */
    boolean awaitOne(Duration wait) throws InterruptedException {
        long left = wait.toNanos();
        arrival.lock();
        try {
            while (!anyActive(System.nanoTime())) {
                if (left <= 0) {
                    return false;
                }
                left = oneArrived.awaitNanos(left);
            }
            return true;
        } finally {
            arrival.unlock();
        }
    }

    private boolean anyActive(long nowNanos) {
        return sessions.values().stream().anyMatch(seen -> nowNanos - seen.lastNanos <= idleNanos);
    }

    private void arrived() {
        arrival.lock();
        try {
            oneArrived.signalAll();
        } finally {
            arrival.unlock();
        }
    }

    void ended(String id) {
        sessions.remove(id);
    }

    int open() {
        return sessions.size();
    }
}
