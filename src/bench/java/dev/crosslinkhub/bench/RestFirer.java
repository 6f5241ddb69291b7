package dev.crosslinkhub.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires lock changes through {@code POST /locks/notify} from a few sender threads, each sending
 * one request after the other. Sender {@code t} posts issue ids {@code t+1, t+1+T, t+1+2T, …}
 * (T senders), recording each one's send time so clients can match receipt to it. In a cluster,
 * sender {@code t} posts to instance {@code t % instances} only: an instance relays its events
 * in commit order, but two instances' events have no order between them, so a sender moving
 * between instances could see its own events reordered without the hub being wrong.
 */
final class RestFirer {

    record Result(long firstSendNanos, long lastResponseNanos, long requests, long failures, List<String> notes,
                  LatencyHistogram roundTrip) {

        double requestsPerSecond() {
            double seconds = (lastResponseNanos - firstSendNanos) / 1e9;
            return seconds > 0 ? requests / seconds : 0;
        }
    }

    /**
     * Fires {@code events} notifies; with {@code rate} > 0, notify {@code id} is sent no earlier
     * than {@code (id-1)/rate} s after the start (a sender that falls behind catches up at once,
     * so the achieved rate shows whether the server held it); 0 = each sender as fast as it can.
     */
    static Result fire(HttpClient http, List<HubApi> apis, int events, int senders, int rate, String agentId,
                       AtomicLongArray sendTimes) throws InterruptedException {
        long start = Clock.wallNanos();
        List<long[]> stats = new ArrayList<>(); // per sender: first send, last response, requests, failures
        List<LatencyHistogram> histograms = new ArrayList<>();
        List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < senders; t++) {
            stats.add(new long[4]);
            histograms.add(new LatencyHistogram());
        }
        Together.run("bench-rest-sender", senders, sender -> {
            HubApi api = apis.get(sender % apis.size());
            long[] stat = stats.get(sender);
            LatencyHistogram histogram = histograms.get(sender);
            for (long id = sender + 1; id <= events; id += senders) {
                if (rate > 0) {
                    long due = start + (id - 1) * 1_000_000_000L / rate;
                    for (long wait = due - Clock.wallNanos(); wait > 0; wait = due - Clock.wallNanos()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long sent = Clock.wallNanos();
                sendTimes.set((int) id, sent);
                if (stat[0] == 0) {
                    stat[0] = sent;
                }
                stat[2]++;
                try {
                    HttpResponse<String> response = http.send(api.notifyRequest(id, agentId),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || !response.body().contains("\"ok\":true")) {
                        stat[3]++;
                        if (notes.size() < 3) {
                            notes.add("notify " + id + " answered " + response.statusCode() + ": "
                                    + WireCursor.abbreviate(response.body()));
                        }
                    }
                } catch (java.io.IOException e) {
                    stat[3]++;
                    if (notes.size() < 3) {
                        notes.add("notify " + id + " failed: " + e);
                    }
                }
                long answered = Clock.wallNanos();
                stat[1] = answered;
                histogram.record((answered - sent) / 1000);
            }
        });
        long first = Long.MAX_VALUE;
        long last = 0;
        long requests = 0;
        long failures = 0;
        LatencyHistogram roundTrip = new LatencyHistogram();
        for (int t = 0; t < senders; t++) {
            long[] stat = stats.get(t);
            if (stat[0] > 0) {
                first = Math.min(first, stat[0]);
            }
            last = Math.max(last, stat[1]);
            requests += stat[2];
            failures += stat[3];
            roundTrip.add(histograms.get(t));
        }
        return new Result(first == Long.MAX_VALUE ? 0 : first, last, requests, failures, List.copyOf(notes), roundTrip);
    }

    private RestFirer() {
    }
}
