package dev.crosslinkhub.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process started, awaited and stopped by its own PID, as the cluster and console tests use it. */
class ExternalProcessTest {

    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    Path dir;

    private ExternalProcess shell(String script) {
        return ExternalProcess.start("sh", List.of("/bin/sh", "-c", script), dir.resolve("logs").resolve("sh.log"));
    }

    private void awaitLog(ExternalProcess process, String text) {
        process.await("say " + text, Duration.ofSeconds(10), POLL, () -> process.logText().contains(text), process::logText);
    }

    @Test
    void awaitsWhatItLogsAndStopsBySigterm() {
        ExternalProcess process = shell("echo ready; exec sleep 600");
        awaitLog(process, "ready");
        assertTrue(process.isAlive());
        process.stop(Duration.ofSeconds(10));
        assertFalse(process.isAlive());
    }

    @Test
    void killsWhatIgnoresSigtermAfterTheGrace() {
        ExternalProcess process = shell("trap '' TERM; echo armed; while :; do sleep 1; done");
        awaitLog(process, "armed");
        process.stop(Duration.ofMillis(300));
        assertFalse(process.isAlive());
    }

    @Test
    void aProcessThatExitsFailsTheWait() {
        ExternalProcess process = shell("echo bye; exit 3");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> process.await("get ready", Duration.ofSeconds(10), POLL, () -> false, () -> "never"));
        assertTrue(failure.getMessage().contains("exited with 3") && failure.getMessage().contains("sh.log"), failure.getMessage());
    }

    @Test
    void aProcessThatNeverGetsReadyIsStopped() {
        ExternalProcess process = shell("exec sleep 600");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> process.await("get ready", Duration.ofMillis(200), POLL, () -> false, () -> "still booting"));
        assertTrue(failure.getMessage().contains("did not get ready") && failure.getMessage().contains("still booting"), failure.getMessage());
        assertFalse(process.isAlive());
    }

    @Test
    void awaitWithinSaysWhetherTheConditionHeld() throws InterruptedException {
        int[] polls = {0};
        assertTrue(Await.within(Duration.ofSeconds(5), Await.Pace.backingOff(Duration.ofMillis(1), Duration.ofMillis(8)),
                () -> ++polls[0] == 4));
        assertFalse(Await.within(Duration.ofMillis(50), Await.Pace.every(Duration.ofMillis(10)), () -> false));
        assertThrows(AssertionError.class, () -> Await.until("never", Duration.ofMillis(50), () -> false));
    }
}
