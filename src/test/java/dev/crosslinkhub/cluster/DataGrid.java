package dev.crosslinkhub.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the instances of one Payara data grid meet on loopback: the grid's name and every member's
 * Hazelcast port. Every member lists all of them (TCP/IP discovery, no multicast), so a member
 * that starts finds the others at once instead of waiting for a discovery round.
 */
record DataGrid(String name, List<Integer> ports) {

    /**
     * Hazelcast's timing for the tests (read from system properties): a member that stops
     * answering is dropped after 10 s, not a minute, and two grids that find each other after a
     * split merge within seconds, not after five minutes, so a partition test fits in the suite.
     */
    static List<String> timingOptions() {
        return List.of("-Dhazelcast.heartbeat.interval.seconds=1", "-Dhazelcast.max.no.heartbeat.seconds=10",
                "-Dhazelcast.merge.first.run.delay.seconds=5", "-Dhazelcast.merge.next.run.delay.seconds=5");
    }

    /** Payara Micro's {@code --clustermode}: {@code tcpip:127.0.0.1:P1,127.0.0.1:P2,…}. */
    String clusterMode() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",", "tcpip:", ""));
    }
}
