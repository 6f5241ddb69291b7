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

/**
 * The instances the tool measures: one server, or the Payara Micro instances of a cluster, which
 * share a database and relay events to each other. Each has its own REST API and its own
 * sessions; instance {@code k} (from 0) is the one of the k-th {@code --url}.
 */
final class HubCluster {

    /**
     * How a fleet's closing went: clients closed cleanly and aborted, how long the closing
     * handshakes took, how long until every instance was back at its baseline (from the same
     * start), the sessions then left, and each instance's last count.
     */
    record Settled(int closed, int aborted, long closeMillis, long settleMillis, int sessionsAfter,
                   List<HubApi.SessionWait> waits) {
    }

    /** How long a run waits for the servers' session counts, and for its clients' closing handshakes (idle: longer). */
    static final Duration SESSION_WAIT = Duration.ofSeconds(30);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

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

    /** Who a message is about: "the server" alone, or one instance of a cluster. */
    String server(int k) {
        return apis.size() == 1 ? "the server" : "instance " + (k + 1);
    }

    /**
     * Each instance's open sessions before a run, once they are none or the wait is over: an
     * instance that still has some fails a check, and they are its baseline.
     */
    int[] baseline(Duration timeout, Checks checks) throws IOException, InterruptedException {
        List<HubApi.SessionWait> idle = awaitSessions(new int[apis.size()], timeout);
        int[] baseline = new int[apis.size()];
        for (int k = 0; k < baseline.length; k++) {
            baseline[k] = idle.get(k).sessions();
            if (!idle.get(k).reached()) {
                checks.fail(server(k) + " still had " + baseline[k] + " open sessions before the run (counted as a baseline)");
            }
        }
        return baseline;
    }

    /** {@link #awaitSessions}: an instance that does not show its expected count in time fails a check. */
    List<HubApi.SessionWait> awaitRegistered(int[] expected, Duration timeout, Checks checks)
            throws IOException, InterruptedException {
        List<HubApi.SessionWait> waits = awaitSessions(expected, timeout);
        for (int k = 0; k < expected.length; k++) {
            HubApi.SessionWait wait = waits.get(k);
            if (!wait.reached()) {
                checks.fail(server(k) + " shows " + wait.sessions() + " sessions, " + expected[k] + " expected, after "
                        + wait.millis() + " ms");
            }
        }
        return waits;
    }

    /**
     * Closes the fleet ({@link ClientFleet#closeAll}) and waits until every instance is back at its
     * {@code baseline}: one that is not fails a check ({@code clients} names them: "client"), and
     * so does a REST call that fails meanwhile (then null: the sessions are not known).
     */
    Settled closeAndSettle(ClientFleet<?> fleet, int[] baseline, Duration closeWait, Duration sessionWait, String clients,
                           Checks checks) throws InterruptedException {
        long start = System.nanoTime();
        int aborted = fleet.closeAll(500, closeWait);
        long closeMillis = (System.nanoTime() - start) / 1_000_000;
        List<HubApi.SessionWait> back;
        try {
            back = awaitSessions(baseline, sessionWait);
        } catch (IOException e) {
            checks.fail("REST call failed while closing: " + e.getMessage());
            return null;
        }
        long settleMillis = (System.nanoTime() - start) / 1_000_000;
        int sessionsAfter = 0;
        for (int k = 0; k < baseline.length; k++) {
            HubApi.SessionWait wait = back.get(k);
            sessionsAfter += wait.sessions();
            if (!wait.reached()) {
                checks.fail(server(k) + " still shows " + wait.sessions() + " sessions " + settleMillis + " ms after every "
                        + clients + " closed (" + baseline[k] + " expected)");
            }
        }
        return new Settled(fleet.clients.size() - aborted, aborted, closeMillis, settleMillis, sessionsAfter, back);
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
        Together.run("bench-fire", n, instance -> {
            String prefix = n == 1 ? "" : "instance " + (instance + 1) + ": ";
            try {
                results[instance] = apis.get(instance).fire(origins.events()[instance],
                        Origins.share(rate, n, instance), origins.agentId(instance));
            } catch (HttpTimeoutException e) {
                why.add(prefix + "firing timed out: " + e.getMessage());
            } catch (IOException e) {
                why.add(prefix + "firing failed: " + e.getMessage());
            }
        });
        failures.addAll(why);
        return Arrays.asList(results);
    }

    /** "1 + 2 + 3": per-instance figures, as the printout shows them. */
    static String perInstance(int[] values) {
        return String.join(" + ", Arrays.stream(values).mapToObj(v -> String.format(java.util.Locale.ROOT, "%,d", v)).toList());
    }
}
