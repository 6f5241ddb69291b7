package dev.crosslinkhub.bench;

import java.net.http.HttpClient;

/** What every run shares: the one HttpClient, the hub's REST API and the options. */
record BenchContext(HttpClient http, HubApi api, BenchOptions options, CpuMeter cpu) {
}
