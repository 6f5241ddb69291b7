package dev.crosslinkhub.hub;

/**
 * How many of something one session may send in a second: subscribe messages
 * ({@code hub.ws.max-subscribes-per-second}: each may start a replay, so a client looping on it
 * must not load the fan-out) and frames of any kind ({@code hub.ws.max-frames-per-second}: a
 * flood closes the session), and MCP requests per session ({@code hub.mcp.max-requests-per-second}).
 * Guarded by its own monitor.
 */
public final class Allowance {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int perSecond;
    private long windowStart;
    private int inWindow;

    public Allowance(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.windowStart = nowNanos - WINDOW_NANOS;
    }

    public int perSecond() {
        return perSecond;
    }

    /** Whether one more fits the allowance of the second that {@code nowNanos} falls in. */
    public synchronized boolean allow(long nowNanos) {
        if (nowNanos - windowStart >= WINDOW_NANOS) {
            windowStart = nowNanos;
            inWindow = 0;
        }
        return ++inWindow <= perSecond;
    }
}
