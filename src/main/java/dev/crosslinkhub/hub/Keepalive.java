package dev.crosslinkhub.hub;

/**
 * One session's keepalive: when the client was last heard (a message or a pong), and the ping
 * awaiting its pong. Its fields are guarded by its own monitor; nothing else touches them.
 */
final class Keepalive {

    /** What the watchdog should do about a session now. */
    enum Due { NOTHING, PING, GONE }

    private long lastHeardNanos;
    private boolean pingPending;
    private long pingSentNanos;

    Keepalive(long nowNanos) {
        this.lastHeardNanos = nowNanos;
    }

    /** The client said something: it is alive, and any ping is answered. */
    synchronized void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
        pingPending = false;
    }

    /**
     * A session quiet for {@code idleNanos} is due a ping (counted as sent from now); one whose
     * ping has gone unanswered for {@code timeoutNanos} is gone.
     */
    synchronized Due check(long nowNanos, long idleNanos, long timeoutNanos) {
        if (pingPending) {
            return nowNanos - pingSentNanos > timeoutNanos ? Due.GONE : Due.NOTHING;
        }
        if (nowNanos - lastHeardNanos < idleNanos) {
            return Due.NOTHING;
        }
        pingPending = true;
        pingSentNanos = nowNanos;
        return Due.PING;
    }
}
