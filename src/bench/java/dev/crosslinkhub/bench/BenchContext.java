package dev.crosslinkhub.bench;

import java.net.http.HttpClient;

/** What every run shares: the one HttpClient, the hub's instances and their REST APIs, and the options. */
record BenchContext(HttpClient http, HubCluster cluster, BenchOptions options, CpuMeter cpu) {

    /** The first instance's REST API: all there is of a single server, and what the one-server scenarios use. */
    HubApi api() {
        return cluster.api(0);
    }
}
