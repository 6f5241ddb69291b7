package dev.crosslinkhub.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.hub.conformance.ProtocolModel.Unmasked;
import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Ending;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every case of our RFC 6455 suite shares: raw clients of the deployed hub, the outcomes the
 * RFC allows, and the check after each test that the hub holds exactly the sessions it held
 * before (a session a container dropped without telling the hub would show there).
 *
 * <p>Each outcome is printed as {@code [conformance] <server> | <case> | <outcome>}, so that what
 * Payara and WildFly did can be read off a run (README.md, "WebSocket conformance").
 */
abstract class ConformanceCase extends DeployedHub {

    static final String SESSIONS = "crosslink_hub_sessions";
    /** How long a server may take to fail a connection before the case counts it as ignoring the violation. */
    static final Duration FAIL_WITHIN = Duration.ofSeconds(10);

    private static final AtomicLong BARRIERS = new AtomicLong();

    Api api;
    private long sessionsBefore;
    private final List<RawWebSocket> clients = new ArrayList<>();

    @BeforeEach
    void noteSessions() {
        api = api();
        sessionsBefore = api.metric(SESSIONS);
    }

    @AfterEach
    void sessionsReturn() {
        List<String> violations = new ArrayList<>();
        for (RawWebSocket client : clients) {
            violations.addAll(client.violations());
            client.close();
        }
        assertEquals(List.of(), violations, "what the server sent against RFC 6455");
        Await.until(SESSIONS + " back to " + sessionsBefore, () -> api.metric(SESSIONS) == sessionsBefore);
    }

    /** The hub's session count when the test began. */
    long sessionsBefore() {
        return sessionsBefore;
    }

    /**
     * Known container deviations from RFC 6455 §5.1, which has the server close the connection on
     * any client frame without a mask: Payara's Tyrus 2.1 reads every such frame as if it had
     * one (it looks at the mask bit only to decide whether to unmask); WildFly's Undertow 2.3
     * refuses unmasked data frames (1002) and reads unmasked control frames (it checks the mask
     * only among its data frame checks). The cases assert this, so a fix shows up here.
     */
    static Unmasked unmaskedFramesRead() {
        return onWildFly() ? Unmasked.CONTROL_READ : Unmasked.ALL_READ;
    }

    static String server() {
        return onWildFly() ? "WildFly" : "Payara";
    }

    static void report(String what, Object outcome) {
        System.out.println("[conformance] " + server() + " | " + what + " | " + outcome);
    }

    RawWebSocket connect() {
        RawWebSocket client = RawWebSocket.connect(api.webSocketUri());
        clients.add(client);
        return client;
    }

    /**
     * The server must fail the connection (RFC 6455 §7.1.7) and should send a close frame with
     * {@code code} first. The RFC lets it just end TCP, but both servers send the frame, so a
     * connection cut before it goes out (as the hub once did on Payara) shows here. Then the hub
     * must forget the session.
     */
    Ending assertFails(RawWebSocket client, String what, int code) {
        Ending ending = client.ending(FAIL_WITHIN);
        report(what, ending);
        assertFalse(ending.stillOpen(), what + ": the server ignored it and kept the connection open");
        assertEquals(Integer.valueOf(code), ending.closeCode(), what + ": expected close " + code + ", got " + ending);
        awaitHubForgetsEndedSessions();
        return ending;
    }

    /** The hub holds a session for each of this case's clients the server has not ended. */
    void awaitHubForgetsEndedSessions() {
        long open = clients.stream().filter(client -> !client.ended()).count();
        Await.until(SESSIONS + " at " + (sessionsBefore + open) + " (the ended sessions forgotten)",
                () -> api.metric(SESSIONS) == sessionsBefore + open);
    }

    /** Sends a message of an unknown type and returns the marker the hub's {@code error} answer names. */
    static String barrierType() {
        return "barrier-" + ProcessHandle.current().pid() + "-" + BARRIERS.incrementAndGet();
    }

    static String barrierJson(String type) {
        return "{\"type\":\"" + type + "\"}";
    }

    /**
     * The hub answers messages in order, so its answer to a barrier says it has read everything
     * sent before; the session serves.
     */
    static String assertUsable(RawWebSocket client) {
        String type = barrierType();
        client.send(Frame.text(barrierJson(type)));
        return client.awaitText("unknown message type '" + type + "'");
    }

    /** Fires a lock event and waits for it: the session is subscribed to {@code locks} and served. */
    void assertReceivesLockEvent(RawWebSocket client) {
        String agent = "conformance-" + BARRIERS.incrementAndGet();
        api.post("api/v1/locks/notify", "{\"issue_id\":5,\"action\":\"claimed\",\"agent_id\":\"" + agent + "\"}");
        String event = client.awaitText("\"agent_id\":\"" + agent + "\"");
        assertTrue(event.contains("\"type\":\"lock_changed\""), event);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
