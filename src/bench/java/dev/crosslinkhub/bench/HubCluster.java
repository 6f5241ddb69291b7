package dev.crosslinkhub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The instances the tool measures: one server, or the Payara Micro instances of a cluster, which
 * share a database and relay events to each other. Each has its own REST API and its own
 * sessions; instance {@code k} (from 0) is the one of the k-th {@code --url}.
 */
final class HubCluster {

    private final List<HubApi> apis;

    HubCluster(HttpClient http, List<String> urls, String token) {
        this.apis = urls.stream().map(url -> new HubApi(http, url, token)).toList();
    }

    int size() {
        return apis.size();
    }

    HubApi api(int k) {
        return apis.get(k);
    }

    List<HubApi> apis() {
        return apis;
    }

    List<URI> webSocketUris() {
        return apis.stream().map(HubApi::webSocketUri).toList();
    }

    /**
     * Waits until every instance shows its expected session count, under one deadline for all
     * (an instance that is late does not give the next one more time).
     */
    List<HubApi.SessionWait> awaitSessions(int[] expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<HubApi.SessionWait> waits = new ArrayList<>();
        for (int k = 0; k < apis.size(); k++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            waits.add(apis.get(k).awaitSessions(expected[k], left));
        }
        return waits;
    }

    /**
     * Fires on every instance at once, origin {@code k} on instance {@code k}, each at its share of
     * {@code rate}, so that together they fire the scenario's events at its rate. Returns each
     * instance's result, null where its call failed; why is added to {@code failures}.
     */
    List<HubApi.FireResult> fire(Origins origins, int rate, List<String> failures) throws InterruptedException {
        int n = apis.size();
        HubApi.FireResult[] results = new HubApi.FireResult[n];
        List<String> why = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int instance = k;
            String prefix = n == 1 ? "" : "instance " + (k + 1) + ": ";
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    results[instance] = apis.get(instance).fire(origins.events()[instance],
                            Origins.share(rate, n, instance), origins.agentId(instance));
                } catch (HttpTimeoutException e) {
                    why.add(prefix + "firing timed out: " + e.getMessage());
                } catch (IOException e) {
                    why.add(prefix + "firing failed: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-fire-" + (k + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(); // each call has its own timeout
        }
        failures.addAll(why);
        return Arrays.asList(results);
    }

    /** "1 + 2 + 3": per-instance figures, as the printout shows them. */
    static String perInstance(int[] values) {
        return String.join(" + ", Arrays.stream(values).mapToObj(v -> String.format(java.util.Locale.ROOT, "%,d", v)).toList());
    }
}
