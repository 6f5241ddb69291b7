package dev.crosslinkhub.hub.conformance;

import dev.crosslinkhub.hub.conformance.ProtocolModel.Kind;
import dev.crosslinkhub.hub.conformance.ProtocolModel.Unmasked;
import dev.crosslinkhub.hub.conformance.ProtocolModel.Verdict;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Ending;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import dev.crosslinkhub.support.RawWebSocket.Tcp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One connection of {@link FrameFuzzIT}: a script drawn from the seed and the connection's number
 * (so the same seed sends the same frames), sent at a pace, until the server ends the connection
 * or the script does. Before a frame that should end the connection, it waits for the hub's
 * answers to everything before (a barrier), so that every {@code error} frame the hub counted
 * can reach it.
 */
final class FuzzedConnection {

    /** The close codes README.md documents for the hub, and those RFC 6455 has it use for failing. */
    static final Set<Integer> DOCUMENTED_CODES = Set.of(1000, 1002, 1003, 1007, 1008, 1009, 1011, 1013, 4008);

    /** Frames a second, well under the hub's 100 (hub.ws.max-frames-per-second): a flood is one ending among others. */
    private static final Duration PACE = Duration.ofMillis(25);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);
    private static final Duration END_WITHIN = Duration.ofSeconds(10);
    /** More than the hub's 100 a second, sent back to back. */
    private static final int FLOOD = 150;
    private static final Pattern SUPPRESSED = Pattern.compile("(\\d+) more messages were refused");

    /**
     * What came of the connection: how it was meant to end ({@code expected}: what the model
     * said of the last frame, or the client's own ending), how it did, how many refusals its
     * {@code error} frames account for, and what went against the RFC or the hub's documentation.
     */
    record Outcome(int index, long frames, String expected, Ending ending, long refusals, List<String> problems) {

        /** For the tally: the expectation and the server's answer, without the close reason. */
        String tally() {
            String answer = ending == null ? "-" : ending.closeCode() != null ? "close " + ending.closeCode() : ending.tcp().name();
            return expected + " -> " + answer;
        }
    }

    private final URI uri;
    private final int index;
    private final Random random;
    private final FrameGenerator frames;
    private final ProtocolModel model;
    private final AtomicLong framesSent;
    private final List<String> problems = new ArrayList<>();
    private long sent;
    private byte[] lastPing;
    private int barriers;
    private String previousUnit = "none"; // for a report of an unexpected end: what went just before

    /** {@code unmasked}: the server's known deviation (ConformanceCase.unmaskedFramesRead), the unmasked frames it reads. */
    FuzzedConnection(URI uri, long seed, int index, AtomicLong framesSent, Unmasked unmasked) {
        this.uri = uri;
        this.model = new ProtocolModel(unmasked);
        this.index = index;
        this.random = new Random(seed * 1_000_003L + index);
        this.frames = new FrameGenerator(random);
        this.framesSent = framesSent;
    }

    Outcome run() {
        RawWebSocket.maskKeysFrom(random);
        int units = 10 + random.nextInt(70);
        int ending = random.nextInt(100); // drawn up front: the script does not depend on what the server does
        try (RawWebSocket client = RawWebSocket.connect(uri)) {
            Outcome outcome = script(client, units, ending);
            List<String> violations = client.violations();
            List<String> all = new ArrayList<>(outcome.problems());
            all.addAll(violations);
            return new Outcome(index, sent, outcome.expected(), outcome.ending(), refusals(client), all);
        }
    }

    private Outcome script(RawWebSocket client, int units, int ending) {
        for (int i = 0; i < units; i++) {
            List<Frame> unit = random.nextInt(100) < 4 ? frames.mutate(frames.validUnit()) : frames.validUnit();
            Outcome ended = send(client, unit);
            if (ended != null) {
                return ended;
            }
        }
        if (ending < 25) {
            return send(client, List.of(Frame.close(1000, "fuzz done".getBytes(StandardCharsets.UTF_8))));
        } else if (ending < 85) {
            List<Frame> broken = frames.brokenUnit();
            while (!endsConnection(broken)) { // a break that happens to be valid UTF-8 after all
                broken = frames.brokenUnit();
            }
            return send(client, broken);
        } else if (ending < 90) {
            return flood(client);
        } else {
            return leave(client);
        }
    }

    private boolean endsConnection(List<Frame> unit) {
        ProtocolModel ahead = model.copy();
        return unit.stream().anyMatch(frame -> ahead.accept(frame).ends());
    }

    /**
     * Sends a unit, frame by frame at the pace; returns how the connection ended if it did (the
     * model said a frame ends it, or the server ended it anyway), null if it goes on.
     */
    private Outcome send(RawWebSocket client, List<Frame> sent) {
        List<Frame> unit = new ArrayList<>(sent);
        ProtocolModel ahead = model.copy();
        int last = -1;
        Verdict verdict = Verdict.READ;
        for (int i = 0; i < unit.size() && last < 0; i++) {
            verdict = ahead.accept(unit.get(i));
            last = verdict.ends() ? i : -1;
            if (last < 0 && i == unit.size() - 1 && ahead.messageOpen()) {
                // a mutation took the FIN off the last fragment: end the message, so that a barrier can follow
                unit.add(Frame.continuation(new byte[0]));
            }
        }
        int through = last < 0 ? unit.size() - 1 : last;
        for (int i = 0; i <= through; i++) {
            Frame frame = unit.get(i);
            if (last >= 0 && model.answerPending() && !model.messageOpen() && !quiesce(client)) {
                return unexpected(client, "before " + describe(unit));
            }
            model.accept(frame);
            boolean written = client.trySend(frame);
            count(1);
            if (frame.opcode() == RawWebSocket.PING && i != last) { // a ping the model has the server read
                lastPing = frame.payload();
            }
            if (i == last) {
                return ended(client, verdict, unit);
            }
            if (!written || client.ended()) {
                // §8.1 does not say when to find bad UTF-8: a server may fail on the fragment that breaks it
                return last >= 0 && verdict.code() == 1007 ? ended(client, verdict, unit)
                        : unexpected(client, "after " + describe(unit.subList(0, i + 1)));
            }
            pace();
        }
        previousUnit = describe(unit);
        return null;
    }

    /** The server should end the connection as {@code verdict} says: a close (echoed) or failing it with the verdict's code. */
    private Outcome ended(RawWebSocket client, Verdict verdict, List<Frame> unit) {
        Ending ending = client.ending(END_WITHIN);
        String expected = verdict.kind() == Kind.CLOSE ? "client close" : verdict.why() + " (" + verdict.code() + ")";
        if (ending.stillOpen()) {
            problems.add(expected + ": the server kept the connection open after " + describe(unit));
        } else if (verdict.kind() == Kind.CLOSE) {
            boolean answered = ending.closeCode() != null
                    && (ending.closeCode() == 1005 || ClosingHandshakeIT.mayBeSent(ending.closeCode()))
                    && (ending.tcp() == Tcp.CLOSED || ending.tcp() == Tcp.RESET); // §7.1.1: then the server ends TCP
            if (!answered) {
                problems.add("a close was answered with " + ending);
            }
        } else if (!Integer.valueOf(verdict.code()).equals(ending.closeCode())) {
            // §7.1.7 would let the server just end TCP; both servers send the close frame (ConformanceCase.assertFails)
            problems.add(expected + ": answered with " + ending + " after " + describe(unit));
        }
        checkDocumented(ending, verdict.kind() == Kind.CLOSE);
        return new Outcome(index, sent, expected, ending, 0, problems);
    }

    /** The server ended the connection where the RFC says it must not, or a barrier got no answer. */
    private Outcome unexpected(RawWebSocket client, String where) {
        Ending ending = client.ending(END_WITHIN);
        if (Integer.valueOf(1008).equals(ending.closeCode())) {
            // the pace keeps under the hub's frames a second as the client counts them; the hub counts as it reads
            return new Outcome(index, sent, "paced frames, flood (1008)", ending, 0, problems);
        }
        problems.add("ended on frames the RFC has the server read (" + where + ", the unit before " + previousUnit + "): " + ending);
        checkDocumented(ending, false);
        return new Outcome(index, sent, "valid frames", ending, 0, problems);
    }

    /** 150 pongs back to back: the hub closes with 1008 unless it read them across more than a second. */
    private Outcome flood(RawWebSocket client) {
        if (!quiesce(client)) {
            return unexpected(client, "before a flood");
        }
        for (int i = 0; i < FLOOD; i++) {
            if (!client.trySend(Frame.pong(new byte[0]))) {
                break;
            }
            count(1);
        }
        String type = barrierType();
        client.trySend(Frame.text("{\"type\":\"" + type + "\"}"));
        if (client.textContaining(type, ANSWER_WITHIN) != null) {
            // the hub read the pongs across more than one of its seconds: no flood after all
            Outcome closed = ended(client, new Verdict(Kind.CLOSE, 1000, "close"), sendClose(client));
            return new Outcome(index, sent, "flood absorbed, client close", closed.ending(), 0, problems);
        }
        Ending ending = client.ending(END_WITHIN);
        if (!ending.droppedWithoutClose() && !Integer.valueOf(1008).equals(ending.closeCode())) {
            problems.add("a flood was answered with " + ending);
        }
        checkDocumented(ending, false);
        return new Outcome(index, sent, "flood (1008)", ending, 0, problems);
    }

    private List<Frame> sendClose(RawWebSocket client) {
        List<Frame> close = List.of(Frame.close(1000, new byte[0]));
        client.trySend(close.get(0));
        return close;
    }

    /** The client goes without a close: a frame cut short then a reset, or a bare TCP close. The hub must free the session. */
    private Outcome leave(RawWebSocket client) {
        if (!quiesce(client)) {
            return unexpected(client, "before leaving");
        }
        if (random.nextBoolean()) {
            byte[] frame = Frame.text("{\"type\":\"subscribe\",\"channels\":[\"locks\"]}").encode();
            client.sendRaw(Arrays.copyOf(frame, 1 + random.nextInt(frame.length - 1)));
            count(1);
            client.abort();
            return new Outcome(index, sent, "client reset mid-frame", null, 0, problems);
        }
        client.close();
        return new Outcome(index, sent, "client TCP close", null, 0, problems);
    }

    /**
     * Sends a barrier and waits for its answer: the hub has answered everything before it. Also
     * checks that the last ping has its pong. False if the server ended the connection instead.
     */
    private boolean quiesce(RawWebSocket client) {
        String type = barrierType();
        Frame barrier = Frame.text("{\"type\":\"" + type + "\"}");
        model.accept(barrier);
        if (!client.trySend(barrier) || client.textContaining(type, ANSWER_WITHIN) == null) {
            return false;
        }
        byte[] ping = lastPing;
        lastPing = null;
        // §5.5.3 lets a server answer only the latest of several pings, never none
        if (ping != null && !answered(client, ping)) {
            problems.add("no pong for the last ping before a barrier");
        }
        model.quiet();
        return true;
    }

    private static boolean answered(RawWebSocket client, byte[] ping) {
        try {
            return Await.within(ANSWER_WITHIN, Await.Pace.QUICK, () -> client.pongs().stream().anyMatch(pong -> Arrays.equals(pong, ping)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private String barrierType() {
        return "fuzz-barrier-" + index + "-" + ++barriers;
    }

    /** Every close code the server chose itself is one the hub documents; a close it answered echoes the client's. */
    private void checkDocumented(Ending ending, boolean answeringClientClose) {
        if (ending != null && ending.closeCode() != null && !answeringClientClose
                && !DOCUMENTED_CODES.contains(ending.closeCode())) {
            problems.add("closed with an undocumented code: " + ending);
        }
    }

    /** The refusals the hub's {@code error} frames account for: one each, and a summary's count of those it did not send. */
    private static long refusals(RawWebSocket client) {
        long refusals = 0;
        for (String text : client.texts()) {
            if (text.endsWith("\"type\":\"error\"}")) {
                Matcher suppressed = SUPPRESSED.matcher(text);
                refusals += suppressed.find() ? Long.parseLong(suppressed.group(1)) : 1;
            }
        }
        return refusals;
    }

    private void count(int n) {
        sent += n;
        framesSent.addAndGet(n);
    }

    private static void pace() {
        try {
            Thread.sleep(PACE.toMillis()); // a send rate, not a wait for something: nothing to await here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    static String describe(List<Frame> unit) {
        return unit.stream().map(frame -> (frame.fin() ? "" : "~") + opcodeName(frame.opcode())
                + (frame.rsv() == 0 ? "" : " rsv" + frame.rsv()) + (frame.mask() == null ? " unmasked" : "")
                + " " + frame.payload().length + "B").collect(Collectors.joining(", ", "[", "]"));
    }

    private static String opcodeName(int opcode) {
        return switch (opcode) {
            case RawWebSocket.CONTINUATION -> "cont";
            case RawWebSocket.TEXT -> "text";
            case RawWebSocket.BINARY -> "binary";
            case RawWebSocket.CLOSE -> "close";
            case RawWebSocket.PING -> "ping";
            case RawWebSocket.PONG -> "pong";
            default -> "op" + opcode;
        };
    }
}
