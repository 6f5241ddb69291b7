package dev.crosslinkhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the machine's CPU went during a run (Linux /proc): the server (when its pid is known,
 * {@code --server-pid}), this tool, and every other process. The server and the tool share the
 * machine, so a busy neighbour shows up here rather than as a mysteriously slow hub. The instances
 * of a cluster on this machine count together as the server: what the cluster costs per message.
 */
final class CpuMeter {

    /** Clock ticks per second of /proc: 100 on every Linux the tool is meant for. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Sample(long wallNanos, long toolCpuNanos, long serverTicks, long busyTicks, long totalTicks) {
    }

    private final List<Long> serverPids;

    CpuMeter(long serverPid) {
        this(serverPid > 0 ? List.of(serverPid) : List.of());
    }

    /** The pids of every instance; measures none unless it knows them all. */
    CpuMeter(List<Long> serverPids) {
        this.serverPids = serverPids.stream().allMatch(pid -> pid > 0) ? List.copyOf(serverPids) : List.of();
    }

    boolean measuresServer() {
        return !serverPids.isEmpty();
    }

    Sample sample() {
        long[] machine = machineTicks();
        return new Sample(System.nanoTime(), Clock.processCpuNanos(), serverTicks(), machine[0], machine[1]);
    }

    /** One line: CPU seconds of the server, the tool and the rest, and the server's cost per message. */
    String describe(Sample from, Sample to, long messages) {
        return describe(from, to, messages, "delivered message");
    }

    /** {@link #describe(Sample, Sample, long)} with the server's cost per {@code unit} (a request, say). */
    String describe(Sample from, Sample to, long messages, String unit) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        if (wall <= 0) {
            return "n/a";
        }
        StringBuilder text = new StringBuilder();
        double tool = from.toolCpuNanos() >= 0 && to.toolCpuNanos() >= 0 ? (to.toolCpuNanos() - from.toolCpuNanos()) / 1e9 : -1;
        double server = from.serverTicks() >= 0 && to.serverTicks() >= 0 ? (to.serverTicks() - from.serverTicks()) / TICKS_PER_SECOND : -1;
        double busy = -1;
        if (from.totalTicks() > 0 && to.totalTicks() > from.totalTicks()) {
            int cores = Runtime.getRuntime().availableProcessors();
            double fraction = (double) (to.busyTicks() - from.busyTicks()) / (to.totalTicks() - from.totalTicks());
            busy = fraction * cores * wall;
        }
        if (server >= 0) {
            text.append(String.format(Locale.ROOT, serverPids.size() == 1 ? "server %.2f s" : serverPids.size() + " servers %.2f s", server));
            if (messages > 0) {
                text.append(String.format(Locale.ROOT, " (%.0f µs per %s)", server * 1e6 / messages, unit));
            }
            text.append(" · ");
        }
        if (tool >= 0) {
            text.append(String.format(Locale.ROOT, "tool %.2f s · ", tool));
        }
        if (busy >= 0) {
            if (server >= 0 && tool >= 0) {
                text.append(String.format(Locale.ROOT, "other processes and kernel %.2f s · ", Math.max(0, busy - server - tool)));
            }
            text.append(String.format(Locale.ROOT, "machine %.0f%% busy", 100 * busy / (wall * Runtime.getRuntime().availableProcessors())));
        }
        text.append(String.format(Locale.ROOT, " over %.2f s", wall));
        if (server < 0) {
            text.append(" (pass --server-pid to see the server's share)");
        }
        return text.toString();
    }

    /** The server's CPU microseconds per message, or -1 when its pid is unknown. */
    static double serverMicrosPerMessage(Sample from, Sample to, long messages) {
        if (from == null || to == null || from.serverTicks() < 0 || to.serverTicks() < 0 || messages <= 0) {
            return -1;
        }
        return (to.serverTicks() - from.serverTicks()) / TICKS_PER_SECOND * 1e6 / messages;
    }

    private long serverTicks() {
        if (serverPids.isEmpty()) {
            return -1;
        }
        long ticks = 0;
        for (long pid : serverPids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // the command name, in parentheses, may hold spaces: count fields after its end
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks;
    }

    private static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] fields = first.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i == 4 || i == 5) {
                    idle += value;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
