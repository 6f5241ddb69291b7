package dev.crosslinkhub.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch (the server stamps events with the same clock), and the tool's CPU time. */
final class Clock {

    static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** CPU time this process has used, in nanoseconds, or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The machine's load averages from /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private Clock() {
    }
}
