package dev.crosslinkhub.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * One agent of the mixed scenario, on its own thread, one request after the other as a coding
 * agent works: it heartbeats, then until its time is up picks an issue of the pool at random,
 * claims it, retitles it, comments on it and releases it, with a heartbeat naming the issue every
 * {@link #HEARTBEAT_EVERY} claims. A claim of an issue another agent holds answers 409: a correct
 * answer, counted apart, after which the agent picks again. Any other answer than 2xx is a failure.
 *
 * <p>Its figures are written by its thread alone and read after {@code join()}.
 */
final class MixedAgent implements Runnable {

    /** An agent heartbeats when it starts, then with its active issue at every this-many-th claim it wins. */
    static final int HEARTBEAT_EVERY = 4;

    private static final String MACHINE = "bench-mixed";
    private static final int MAX_NOTES = 3;

    /** What an agent sends, for figures by kind of route. */
    enum Route {
        HEARTBEAT("heartbeat"), CLAIM("claim"), RELEASE("release"), PATCH("patch"), COMMENT("comment");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    /** A lock change the hub acknowledged: every console must be told of it exactly once. */
    record LockChange(long issueId, boolean claimed, long answeredNanos) {
    }

    final int index;
    final String agentId;
    private final HttpClient http;
    private final HubApi api;
    private final long[] pool;
    private final SplittableRandom random;
    private final CountDownLatch start;
    private volatile long endNanos;

    final LatencyHistogram[] latency = new LatencyHistogram[Route.values().length];
    /** Per route: requests sent, answered 2xx, answered otherwise (or not at all). */
    final long[] sent = new long[Route.values().length];
    final long[] succeeded = new long[Route.values().length];
    final long[] failed = new long[Route.values().length];
    long claimConflicts;
    long cycles;
    /** The acknowledged claims and releases, in the order this agent made them. */
    final List<LockChange> changes = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    long startedNanos;
    long finishedNanos;
    /** When the last answer arrived: a lock change is stamped with its answer's arrival. */
    private long answeredNanos;

    /**
     * @param seed picks are reproducible per agent; which of two agents wins an issue still
     *             depends on timing, as it would for real agents
     */
    MixedAgent(int index, String agentId, HttpClient http, HubApi api, long[] pool, long seed, CountDownLatch start) {
        this.index = index;
        this.agentId = agentId;
        this.http = http;
        this.api = api;
        this.pool = pool;
        this.random = new SplittableRandom(seed);
        this.start = start;
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new LatencyHistogram();
        }
    }

    /** Set before {@link #start} opens: the agent finishes the cycle it is in when this time has come. */
    void workUntil(long nanos) {
        endNanos = nanos;
    }

    @Override
    public void run() {
        try {
            start.await();
            startedNanos = System.nanoTime();
            send(Route.HEARTBEAT, api.heartbeatRequest(agentId, MACHINE, null));
            long won = 0;
            while (System.nanoTime() < endNanos) {
                cycles++;
                long issue = pool[random.nextInt(pool.length)];
                HttpResponse<String> claim = send(Route.CLAIM, api.claimRequest(issue, agentId));
                if (claim == null || claim.statusCode() != 200) {
                    continue; // another agent holds it (or the claim failed): pick again
                }
                if (!claim.body().contains("\"agent_id\":\"" + agentId + "\"")) {
                    failed[Route.CLAIM.ordinal()]++;
                    note("claim of " + issue + " answered 200 without naming this agent: " + WireCursor.abbreviate(claim.body()));
                }
                changes.add(new LockChange(issue, true, answeredNanos));
                won++;
                if (won % HEARTBEAT_EVERY == 0) {
                    send(Route.HEARTBEAT, api.heartbeatRequest(agentId, MACHINE, issue));
                }
                send(Route.PATCH, api.retitleRequest(issue, "Issue " + issue + ", pass " + won + " of " + agentId));
                send(Route.COMMENT, api.commentRequest(issue, agentId + " worked on it (pass " + won + ")"));
                HttpResponse<String> release = send(Route.RELEASE, api.releaseRequest(issue, agentId));
                if (release != null && release.statusCode() == 200) {
                    changes.add(new LockChange(issue, false, answeredNanos));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finishedNanos = System.nanoTime();
        }
    }

    /** Sends one request and files its answer; null when none came. */
    private HttpResponse<String> send(Route route, HttpRequest request) throws InterruptedException {
        int r = route.ordinal();
        sent[r]++;
        long began = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failed[r]++;
            note(route.label + " " + request.uri().getPath() + " got no answer: " + e);
            return null;
        }
        answeredNanos = System.nanoTime();
        latency[r].record((answeredNanos - began) / 1000);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            succeeded[r]++;
        } else if (route == Route.CLAIM && status == 409) {
            claimConflicts++;
        } else {
            failed[r]++;
            note(route.label + " " + request.uri().getPath() + " answered " + status + ": " + WireCursor.abbreviate(response.body()));
        }
        return response;
    }

    private void note(String what) {
        if (notes.size() < MAX_NOTES) {
            notes.add(agentId + ": " + what);
        }
    }

    long requests() {
        long total = 0;
        for (long n : sent) {
            total += n;
        }
        return total;
    }

    long failures() {
        long total = 0;
        for (long n : failed) {
            total += n;
        }
        return total;
    }
}
