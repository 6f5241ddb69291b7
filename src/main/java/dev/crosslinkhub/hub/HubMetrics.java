package dev.crosslinkhub.hub;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub's counters, cheap enough for the hot path (striped adders, no locks). Written out in
 * Prometheus' text format by {@link #text}. Hand-made because the two servers we deploy on
 * disagree: Payara has MicroProfile Metrics, WildFly Micrometer; this works the same on both.
 */
@ApplicationScoped
public class HubMetrics {

    private static final double[] LATENCY_BOUNDS = SendCounts.LATENCY_BOUNDS;
    /** Upper bounds of the queue depth buckets. */
    private static final int[] DEPTH_BOUNDS = {0, 1, 4, 16, 64, 128, 256, 1024};

    private final Map<String, LongAdder> firedByType = new ConcurrentHashMap<>();
    private final SendCounts sendCounts = new SendCounts();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder refusedFrames = new LongAdder();
    private final LongAdder keepaliveCloses = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder floodCloses = new LongAdder();

    void fired(String type) {
        firedByType.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    /** The outboxes' own counts: each holds the object itself, not this bean's proxy. */
    SendCounts sendCounts() {
        return sendCounts;
    }

    void evicted() {
        evictions.increment();
    }

    void keepaliveClosed() {
        keepaliveCloses.increment();
    }

    void failed() {
        failures.increment();
    }

    void flooded() {
        floodCloses.increment();
    }

    void refused() {
        refusedFrames.increment();
    }

    public long gapsSent() {
        return sendCounts.gaps();
    }

    public long evictions() {
        return evictions.sum();
    }

    /** Prometheus text exposition: these counters, and the sessions as {@code now} shows them. */
    public String text(HubSnapshot now) {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "crosslink_hub_sessions", "Open /ws sessions.", now.sessions());
        gauge(out, "crosslink_hub_client_addresses", "Client addresses holding a /ws session (the per-address limit's table).",
                now.clientAddresses());
        gauge(out, "crosslink_hub_container_connections",
                "TCP connections the hub holds beneath its sessions, closing ones included (Payara; 0 where it holds none).",
                now.connections());
        gauge(out, "crosslink_hub_idle_timer_tasks",
                "Tasks waiting in the hub's timer of Tyrus' idle timeouts: idle checks, and the cuts of closing connections (Payara; 0 elsewhere).",
                now.timerTasks());
        gauge(out, "crosslink_hub_cluster_members", "Instances this hub's events reach: the data grid's members, 1 without a grid.",
                now.clusterMembers());
        gauge(out, "crosslink_hub_cluster_backed_up", "1 when every event the data grid holds has its backup and nothing "
                + "is migrating between instances: one may stop now without losing history (1 without a grid).",
                now.clusterBackedUp() ? 1 : 0);
        gauge(out, "crosslink_hub_feed_waiting", "Readers waiting for the next event without a socket: MCP wait_for_events calls, "
                + "and the MCP resource watch.", now.feedWaiters());
        counter(out, "crosslink_hub_events_unpublished_total",
                "Events committed here that the relay gave up on (it was full, or the data grid went away): never announced.",
                now.unpublished());
        out.append("# HELP crosslink_hub_channel_sessions Open /ws sessions that receive a channel.\n")
                .append("# TYPE crosslink_hub_channel_sessions gauge\n");
        now.sessionsByChannel().forEach((channel, count) ->
                out.append("crosslink_hub_channel_sessions{channel=\"").append(channel).append("\"} ").append(count).append('\n'));
        out.append("# HELP crosslink_hub_events_fired_total Events fired, by type.\n")
                .append("# TYPE crosslink_hub_events_fired_total counter\n");
        firedByType.forEach((type, count) ->
                out.append("crosslink_hub_events_fired_total{type=\"").append(type).append("\"} ").append(count.sum()).append('\n'));
        counter(out, "crosslink_hub_messages_sent_total", "Messages sent to clients (events, gaps, errors, resets).", sendCounts.messages());
        counter(out, "crosslink_hub_gaps_total", "gap messages sent to lagging clients.", sendCounts.gaps());
        counter(out, "crosslink_hub_dropped_events_total", "Events dropped from lagging clients' queues.", sendCounts.dropped());
        counter(out, "crosslink_hub_evictions_total", "Sessions closed as slow consumers (1013).", evictions.sum());
        counter(out, "crosslink_hub_keepalive_closes_total", "Sessions closed because they stopped answering pings.", keepaliveCloses.sum());
        counter(out, "crosslink_hub_flood_closes_total", "Sessions closed for sending more frames a second than allowed (1008).",
                floodCloses.sum());
        counter(out, "crosslink_hub_session_failures_total", "Sessions closed with 1011 because the hub failed serving them.", failures.sum());
        counter(out, "crosslink_hub_refused_frames_total", "Client frames answered with an error.", refusedFrames.sum());

        out.append("# HELP crosslink_hub_queue_depth Outbound queue depth of open sessions, at scrape time.\n")
                .append("# TYPE crosslink_hub_queue_depth histogram\n");
        int[] depths = now.queueDepths();
        long total = 0;
        for (int bound : DEPTH_BOUNDS) {
            long atMost = Arrays.stream(depths).filter(depth -> depth <= bound).count();
            out.append("crosslink_hub_queue_depth_bucket{le=\"").append(bound).append("\"} ").append(atMost).append('\n');
        }
        for (int depth : depths) {
            total += depth;
        }
        out.append("crosslink_hub_queue_depth_bucket{le=\"+Inf\"} ").append(depths.length).append('\n')
                .append("crosslink_hub_queue_depth_sum ").append(total).append('\n')
                .append("crosslink_hub_queue_depth_count ").append(depths.length).append('\n');

        out.append("# HELP crosslink_hub_fire_to_send_seconds From an event's fan-out to the completion of its send to one client.\n")
                .append("# TYPE crosslink_hub_fire_to_send_seconds histogram\n");
        long running = 0;
        for (int i = 0; i < LATENCY_BOUNDS.length; i++) {
            running += sendCounts.latencyBucket(i);
            out.append("crosslink_hub_fire_to_send_seconds_bucket{le=\"").append(LATENCY_BOUNDS[i]).append("\"} ").append(running).append('\n');
        }
        running += sendCounts.latencyBucket(LATENCY_BOUNDS.length);
        out.append("crosslink_hub_fire_to_send_seconds_bucket{le=\"+Inf\"} ").append(running).append('\n')
                .append("crosslink_hub_fire_to_send_seconds_sum ").append(String.format(Locale.ROOT, "%.6f", sendCounts.latencyNanos() / 1e9)).append('\n')
                .append("crosslink_hub_fire_to_send_seconds_count ").append(sendCounts.latencyCount()).append('\n');
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
    }
}
