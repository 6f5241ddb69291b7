package dev.crosslinkhub.hub.conformance;

import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The fuzzer's oracle: what RFC 6455 makes of each client frame, given the frames before it on
 * the connection. Written from the RFC's rules, not from what either server does, so that where
 * a server disagrees the fuzzer says so.
 */
final class ProtocolModel {

    /**
     * Which unmasked client frames a server reads, where RFC 6455 §5.1 has it fail the
     * connection on any: none (the RFC), control frames (a known deviation of WildFly's
     * Undertow), all (of Payara's Tyrus). {@link ConformanceCase#unmaskedFramesRead()} says which.
     */
    enum Unmasked { REFUSED, CONTROL_READ, ALL_READ }

    /** What the server must do with a frame: read it, fail the connection with {@code code}, or answer a close. */
    enum Kind { READ, FAIL, CLOSE }

    record Verdict(Kind kind, int code, String why) {

        static final Verdict READ = new Verdict(Kind.READ, 0, "valid");

        static Verdict fail(int code, String why) {
            return new Verdict(Kind.FAIL, code, why);
        }

        boolean ends() {
            return kind != Kind.READ;
        }
    }

    private final Unmasked unmasked;
    private int openOpcode = -1; // TEXT or BINARY while a fragmented message is open, else -1
    private ByteArrayOutputStream openText = new ByteArrayOutputStream(); // the open text message's bytes so far
    private boolean completedSinceQuiet; // a message ended whose answer the client has not awaited

    /** The RFC's rules as they are. */
    ProtocolModel() {
        this(Unmasked.REFUSED);
    }

    /** The RFC's rules, but for a server known to read some unmasked client frames. */
    ProtocolModel(Unmasked unmasked) {
        this.unmasked = unmasked;
    }

    ProtocolModel copy() {
        ProtocolModel copy = new ProtocolModel(unmasked);
        copy.openOpcode = openOpcode;
        copy.openText = new ByteArrayOutputStream();
        copy.openText.writeBytes(openText.toByteArray());
        copy.completedSinceQuiet = completedSinceQuiet;
        return copy;
    }

    boolean messageOpen() {
        return openOpcode >= 0;
    }

    /** Whether a whole message went in since {@link #quiet()}: the hub may still be answering it. */
    boolean answerPending() {
        return completedSinceQuiet;
    }

    /** The client has the answers to everything it sent (a barrier came back). */
    void quiet() {
        completedSinceQuiet = false;
    }

    Verdict accept(Frame frame) {
        int opcode = frame.opcode();
        if (frame.rsv() != 0) {
            return Verdict.fail(1002, "RSV bits without an extension");
        }
        if (opcode >= 0x3 && opcode <= 0x7 || opcode >= 0xB) {
            return Verdict.fail(1002, "reserved opcode");
        }
        boolean control = opcode >= RawWebSocket.CLOSE;
        if (frame.mask() == null && !(unmasked == Unmasked.ALL_READ || unmasked == Unmasked.CONTROL_READ && control)) {
            return Verdict.fail(1002, "unmasked client frame");
        }
        byte[] payload = frame.payload();
        if (control) {
            if (!frame.fin()) {
                return Verdict.fail(1002, "fragmented control frame");
            }
            if (payload.length > 125) {
                return Verdict.fail(1002, "control frame over 125 bytes");
            }
            return opcode == RawWebSocket.CLOSE ? close(payload) : Verdict.READ;
        }
        if (opcode == RawWebSocket.CONTINUATION) {
            if (openOpcode < 0) {
                return Verdict.fail(1002, "continuation with no message open");
            }
        } else if (openOpcode >= 0) {
            return Verdict.fail(1002, "new data frame inside a fragmented message");
        } else {
            openOpcode = opcode;
            openText.reset();
        }
        if (openOpcode == RawWebSocket.TEXT) {
            openText.writeBytes(payload);
        }
        if (!frame.fin()) {
            return Verdict.READ;
        }
        boolean text = openOpcode == RawWebSocket.TEXT;
        openOpcode = -1;
        completedSinceQuiet = true;
        if (text && !RawWebSocket.validUtf8(openText.toByteArray())) {
            return Verdict.fail(1007, "text message that is not UTF-8");
        }
        return Verdict.READ;
    }

    private static Verdict close(byte[] payload) {
        if (payload.length == 0) {
            return new Verdict(Kind.CLOSE, 1005, "close without a code");
        }
        if (payload.length == 1) {
            return Verdict.fail(1002, "close with a 1-byte payload");
        }
        int code = ByteBuffer.wrap(payload).getShort() & 0xFFFF;
        if (!ClosingHandshakeIT.mayBeSent(code)) {
            return Verdict.fail(1002, "close code that may not be sent");
        }
        if (!RawWebSocket.validUtf8(Arrays.copyOfRange(payload, 2, payload.length))) {
            return Verdict.fail(1007, "close reason that is not UTF-8");
        }
        return new Verdict(Kind.CLOSE, code, "close");
    }
}
