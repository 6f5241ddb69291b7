package dev.crosslinkhub.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The session limit and each session's request allowance, on a clock the test moves. */
class McpSessionsTest {

    private static final long SECOND = 1_000_000_000L;

    private static McpSessions sessions(int max, int perSecond, long idleSeconds) {
        McpSettings settings = new McpSettings();
        settings.maxSessions = max;
        settings.maxRequestsPerSecond = perSecond;
        settings.sessionIdleSeconds = idleSeconds;
        McpSessions sessions = new McpSessions();
        sessions.settings = settings;
        sessions.read();
        return sessions;
    }

    @Test
    void aNewSessionBeyondTheLimitWaitsForOneToEndOrToIdleOut() {
        McpSessions sessions = sessions(2, 10, 60);
        long now = 0;
        sessions.opened("a", 1, now);
        sessions.opened("b", 1, now);
        assertFalse(sessions.roomForOneMore(1, now));
        sessions.ended("a");
        assertTrue(sessions.roomForOneMore(1, now), "a deleted session makes room");
        sessions.opened("c", 1, now);
        sessions.touch("c", 1, now + 59 * SECOND);
        assertFalse(sessions.roomForOneMore(1, now + 59 * SECOND));
        assertTrue(sessions.roomForOneMore(1, now + 61 * SECOND), "b was idle past the minute; c was not");
        assertEquals(1, sessions.open(), "only c still counts");
    }

    @Test
    void theLimitIsPerTokenAndARotationFreesTheOldTokensSessions() {
        McpSessions sessions = sessions(1, 10, 60);
        sessions.opened("old", 1, 0);
        assertFalse(sessions.roomForOneMore(1, 0));
        assertTrue(sessions.roomForOneMore(2, 0), "the rotated-in token has its own room; the old token's session can no longer ask");
        sessions.opened("new", 2, 0);
        assertEquals(1, sessions.open(), "the old token's session is forgotten");
    }

    @Test
    void eachSessionHasItsOwnAllowancePerSecond() {
        McpSessions sessions = sessions(10, 3, 60);
        sessions.opened("a", 1, 0);
        sessions.opened("b", 1, 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(sessions.touch("a", 1, SECOND / 2).allow(SECOND / 2));
        }
        assertFalse(sessions.touch("a", 1, SECOND / 2).allow(SECOND / 2), "a's fourth request in its second");
        assertTrue(sessions.touch("b", 1, SECOND / 2).allow(SECOND / 2), "b is not held to a's count");
        assertTrue(sessions.touch("a", 1, 2 * SECOND).allow(2 * SECOND), "a's next second");
    }

    /** What the resource watch parks on: it follows the hub's events only while an agent is connected over MCP. */
    @Test
    void theResourceWatchWaitsForASessionThatIsOpenAndNotIdle() throws Exception {
        McpSessions sessions = sessions(10, 10, 60);
        assertFalse(sessions.awaitOne(Duration.ZERO), "no session yet");

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return sessions.awaitOne(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        sessions.opened("a", 1, System.nanoTime());
        assertTrue(waiting.get(1, TimeUnit.MINUTES), "a waiting watch is woken by the session that opens");

        sessions.ended("a");
        assertFalse(sessions.awaitOne(Duration.ZERO), "the only session ended");

        sessions.opened("b", 1, System.nanoTime() - 61 * SECOND);
        assertFalse(sessions.awaitOne(Duration.ZERO), "a session idle past the minute does not count");
        sessions.touch("b", 1, System.nanoTime());
        assertTrue(sessions.awaitOne(Duration.ZERO), "its next request brings it back");
    }
}
