package dev.crosslinkhub.bench;

import static dev.crosslinkhub.api.WireValues.atLeast;
import static dev.crosslinkhub.api.WireValues.present;
import static dev.crosslinkhub.api.WireValues.required;

import dev.crosslinkhub.events.Heartbeat;
import dev.crosslinkhub.hub.SessionRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code /api/v1/bench}: load from inside the server, for the benchmark tool only. */
@RequestScoped
@Path("bench")
@Produces(MediaType.APPLICATION_JSON)
public class BenchResource {

    @Inject
    @ConfigProperty(name = "hub.bench.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    Event<Heartbeat> heartbeats;

    @Inject
    SessionRegistry registry;

    /**
     * @param count   events to fire
     * @param rate    events per second; 0 fires as fast as the hub takes them
     * @param agentId the {@code agent_id} of every event; {@code active_issue_id} counts from 1
     *                and {@code timestamp} is the moment of firing, so a client can check order,
     *                completeness and fire-to-receipt latency
     */
    public record FireRequest(Integer count, Integer rate, String agentId) {

        /** Checked by hand: Payara's OpenAPI generator fails on Bean Validation annotations of records. */
        FireRequest checked() {
            atLeast("count", present("count", count), 1);
            atLeast("rate", present("rate", rate), 0);
            required("agent_id", agentId);
            return this;
        }
    }

    public record FireResult(int fired, long elapsedMicros) {
    }

    public record Memory(long heapUsedBytes, long rssBytes, int sessions, long pid) {
    }

    /** How many of the hub's sender threads are inside a send, and parked there. */
    public record Senders(int threads, int sending, int parkedInSend, List<String> parked) {
    }

    @POST
    @Path("fire")
    @Consumes(MediaType.APPLICATION_JSON)
    public FireResult fire(@NotNull(message = "a JSON body is required") FireRequest body) {
        requireEnabled();
        FireRequest request = body.checked();
        long start = System.nanoTime();
        long intervalNanos = request.rate() == 0 ? 0 : 1_000_000_000L / request.rate();
        for (int i = 1; i <= request.count(); i++) {
            if (intervalNanos > 0) {
                long due = start + (i - 1) * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            heartbeats.fire(new Heartbeat(request.agentId(), Instant.now(), (long) i));
        }
        return new FireResult(request.count(), (System.nanoTime() - start) / 1000);
    }

    /**
     * Heap after a full collection, and the process' resident set, to compute memory per
     * connection; the pid lets a test kill the server the hard way.
     */
    @GET
    @Path("memory")
    public Memory memory() {
        requireEnabled();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Memory(heap, residentSetBytes(), registry.openSessions(), ProcessHandle.current().pid());
    }

    /**
     * The hub's sender threads right now: a thread with a {@code send} frame of a WebSocket
     * remote on its stack that is not running is parked in a write (a full socket, or a lock
     * held by one), which is what a stalled client must never cause.
     */
    @GET
    @Path("senders")
    public Senders senders() {
        requireEnabled();
        int threads = 0;
        int sending = 0;
        List<String> parked = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (!thread.getName().startsWith("hub-sender")) {
                continue;
            }
            threads++;
            boolean inSend = Arrays.stream(entry.getValue())
                    .anyMatch(frame -> frame.getMethodName().startsWith("send") && frame.getClassName().contains("Remote"));
            if (!inSend) {
                continue;
            }
            sending++;
            if (thread.getState() != Thread.State.RUNNABLE) {
                StackTraceElement[] stack = entry.getValue();
                parked.add(thread.getName() + " " + thread.getState() + " at " + (stack.length > 0 ? stack[0] : "?"));
            }
        }
        return new Senders(threads, sending, parked.size(), parked);
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundException();
        }
    }

    private static long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
