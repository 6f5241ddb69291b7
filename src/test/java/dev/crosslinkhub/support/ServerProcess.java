package dev.crosslinkhub.support;

import java.util.concurrent.TimeUnit;

/** Stopping a server a test started as a process of its own. */
public final class ServerProcess {

    /** SIGTERM, as a service manager stops it; then wait for the process to be gone, killing it after a minute. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServerProcess() {
    }
}
