package dev.crosslinkhub.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A WebSocket client written from RFC 6455 over a plain {@link Socket}, for tests that must send
 * what no real client library would: any FIN/RSV bits, opcode, mask or none, length encoding and
 * fragment order. It does the HTTP upgrade itself (with the test token) and offers no extension,
 * so every RSV bit it sets is one the server must refuse.
 *
 * <p>A reader thread takes the server's frames as they come, so that a test sees what the server
 * sent before it closed, and can tell a close frame (with its code), a TCP close, a reset and
 * silence apart. As a client must (RFC 6455 §5.5.1, §5.5.2), it answers the server's pings and
 * its close frame, unless it has sent a close of its own.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** After a close frame, how long to wait for the server to end TCP before reporting it did not (§7.1.1: the server closes first). */
    private static final Duration TCP_AFTER_CLOSE = Duration.ofSeconds(5);

    /** How the payload length goes on the wire: the shortest form (which §5.2 requires of a sender), or a longer one. */
    public enum Length { MINIMAL, SIXTEEN_BIT, SIXTY_FOUR_BIT }

    /** A client frame exactly as it goes on the wire. A null mask sends it unmasked. */
    public record Frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] mask, Length length) {

        public static Frame of(int opcode, byte[] payload) {
            return new Frame(true, 0, opcode, payload, randomMask(), Length.MINIMAL);
        }

        public static Frame text(String text) {
            return of(TEXT, text.getBytes(StandardCharsets.UTF_8));
        }

        public static Frame binary(byte[] bytes) {
            return of(BINARY, bytes);
        }

        public static Frame ping(byte[] payload) {
            return of(PING, payload);
        }

        public static Frame pong(byte[] payload) {
            return of(PONG, payload);
        }

        /** A close frame with a status code and a reason (RFC 6455 §5.5.1). */
        public static Frame close(int code, byte[] reason) {
            return of(CLOSE, ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array());
        }

        public static Frame continuation(byte[] payload) {
            return of(CONTINUATION, payload);
        }

        public Frame notFinal() {
            return new Frame(false, rsv, opcode, payload, mask, length);
        }

        /** RSV1..3 as the three low bits of {@code bits} (RSV1 = 4). */
        public Frame withRsv(int bits) {
            return new Frame(fin, bits & 7, opcode, payload, mask, length);
        }

        public Frame unmasked() {
            return new Frame(fin, rsv, opcode, payload, null, length);
        }

        public Frame maskedWith(byte[] key) {
            return new Frame(fin, rsv, opcode, payload, key.clone(), length);
        }

        public Frame withLength(Length encoding) {
            return new Frame(fin, rsv, opcode, payload, mask, encoding);
        }

        /** The bytes on the wire (§5.2). */
        public byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
            out.write((fin ? 0x80 : 0) | (rsv << 4) | (opcode & 0xF));
            int maskBit = mask == null ? 0 : 0x80;
            int n = payload.length;
            Length encoding = length == Length.MINIMAL ? (n < 126 ? null : n <= 0xFFFF ? Length.SIXTEEN_BIT : Length.SIXTY_FOUR_BIT)
                    : length;
            if (encoding == null) {
                out.write(maskBit | n);
            } else if (encoding == Length.SIXTEEN_BIT) {
                out.write(maskBit | 126);
                out.write(n >>> 8);
                out.write(n);
            } else {
                out.write(maskBit | 127);
                out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
            }
            if (mask == null) {
                out.writeBytes(payload);
            } else {
                out.writeBytes(mask);
                for (int i = 0; i < n; i++) {
                    out.write(payload[i] ^ mask[i & 3]);
                }
            }
            return out.toByteArray();
        }

        private static byte[] randomMask() {
            byte[] key = new byte[4];
            MASKS.get().nextBytes(key);
            return key;
        }
    }

    /** A frame the server sent. */
    public record Received(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, 1005 (§7.1.5) when it has none. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** How the connection ended, as far as the client can tell. */
    public enum Tcp { OPEN, CLOSED, RESET, CLOSED_BY_CLIENT }

    /**
     * What the server did: sent a close frame ({@code closeCode}, null if none) and/or ended TCP,
     * or neither within the wait ({@link #stillOpen}).
     */
    public record Ending(Integer closeCode, String reason, Tcp tcp) {

        public boolean stillOpen() {
            return closeCode == null && tcp == Tcp.OPEN;
        }

        /** Failed without a close frame: a TCP close or reset, which §7.1.7 allows in place of one. */
        public boolean droppedWithoutClose() {
            return closeCode == null && (tcp == Tcp.CLOSED || tcp == Tcp.RESET);
        }

        @Override
        public String toString() {
            if (stillOpen()) {
                return "still open";
            }
            String tcpPart = switch (tcp) {
                case OPEN -> "TCP left open";
                case CLOSED -> "TCP close";
                case RESET -> "TCP reset";
                case CLOSED_BY_CLIENT -> "TCP closed by the client";
            };
            return closeCode == null ? tcpPart + " without a close frame"
                    : "close " + closeCode + (reason.isEmpty() ? "" : " \"" + reason + "\"") + ", then " + tcpPart;
        }
    }

    /** Mask keys need not be secret here, only varied; the fuzzer seeds its own. */
    private static final ThreadLocal<Random> MASKS = ThreadLocal.withInitial(Random::new);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object(); // one whole frame at a time on out
    private final List<Received> frames = new ArrayList<>(); // guarded by itself; everything the server sent
    private final List<String> texts = new ArrayList<>(); // guarded by frames; whole text messages
    private final List<String> violations = new ArrayList<>(); // guarded by frames; what the server sent against §5
    private final ByteArrayOutputStream message = new ByteArrayOutputStream(); // the reader's message in assembly
    private int messageOpcode; // the reader's: TEXT or BINARY, of the message in assembly
    private volatile Tcp tcp = Tcp.OPEN;
    private volatile boolean closeSent;
    private volatile Received serverClose;

    /** Upgrades {@code ws} with the test token; fails the test unless the server answers 101 with the right accept key. */
    public static RawWebSocket connect(URI ws) {
        try {
            return new RawWebSocket(ws);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + ws, e);
        }
    }

    /** Later frames of this thread get mask keys from {@code random} (the fuzzer's seed). */
    public static void maskKeysFrom(Random random) {
        MASKS.set(random);
    }

    private RawWebSocket(URI ws) throws IOException {
        socket = new Socket(ws.getHost(), ws.getPort());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        MASKS.get().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        out.write(("GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + Api.TOKEN + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new AssertionError("upgrade refused:\n" + head);
        }
        String accept = header(head, "Sec-WebSocket-Accept");
        if (!acceptFor(key).equals(accept)) {
            socket.close();
            throw new AssertionError("wrong Sec-WebSocket-Accept (§4.2.2): " + accept + " for key " + key);
        }
        if (header(head, "Sec-WebSocket-Extensions") != null) {
            socket.close();
            throw new AssertionError("the server accepted an extension nobody offered:\n" + head);
        }
        Thread reader = new Thread(this::read, "raw-ws-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the upgrade answer was cut: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes frames, each whole. Fails with {@link UncheckedIOException} once the server has gone. */
    public RawWebSocket send(Frame... sent) {
        for (Frame frame : sent) {
            write(frame.encode(), frame.opcode() == CLOSE);
        }
        return this;
    }

    /** Writes frames, each whole; false (and nothing more) once the server has gone. */
    public boolean trySend(Frame... sent) {
        try {
            send(sent);
            return true;
        } catch (UncheckedIOException gone) {
            return false;
        }
    }

    /** Writes bytes as they are: a frame cut short, say, before {@link #abort()}. */
    public void sendRaw(byte[] bytes) {
        write(bytes, false);
    }

    private void write(byte[] bytes, boolean isClose) {
        synchronized (writeLock) {
            try {
                out.write(bytes);
                out.flush();
                if (isClose) {
                    closeSent = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void read() {
        try {
            while (true) {
                Received frame = readFrame();
                synchronized (frames) {
                    frames.add(frame);
                    check(frame);
                    if (frame.opcode() == TEXT || frame.opcode() == BINARY || frame.opcode() == CONTINUATION) {
                        messageOpcode = frame.opcode() == CONTINUATION ? messageOpcode : frame.opcode();
                        message.writeBytes(frame.payload());
                        if (frame.fin()) {
                            if (messageOpcode == TEXT) {
                                texts.add(message.toString(StandardCharsets.UTF_8));
                            }
                            message.reset();
                        }
                    }
                }
                if (frame.opcode() == PING && !closeSent) {
                    trySend(Frame.pong(frame.payload()));
                } else if (frame.opcode() == CLOSE) {
                    serverClose = frame;
                    if (!closeSent) {
                        // §5.5.1: answer a close with a close, echoing its code
                        trySend(frame.payload().length < 2 ? Frame.of(CLOSE, new byte[0])
                                : Frame.close(frame.closeCode(), new byte[0]));
                    }
                }
            }
        } catch (EOFException e) {
            tcp = tcp == Tcp.CLOSED_BY_CLIENT ? tcp : Tcp.CLOSED;
        } catch (SocketException e) {
            tcp = tcp == Tcp.CLOSED_BY_CLIENT ? tcp : Tcp.RESET;
        } catch (IOException e) {
            tcp = tcp == Tcp.CLOSED_BY_CLIENT ? tcp : Tcp.RESET;
        }
    }

    private Received readFrame() throws IOException {
        int first = readByte();
        int second = readByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        boolean masked = (second & 0x80) != 0;
        byte[] key = new byte[4];
        if (masked) {
            readFully(key);
        }
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("a server frame of " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Received((first & 0x80) != 0, (first >>> 4) & 7, first & 0xF, masked, payload);
    }

    private void check(Received frame) {
        if (frame.masked()) {
            violations.add("a masked server frame (§5.1)");
        }
        if (frame.rsv() != 0) {
            violations.add("RSV bits " + frame.rsv() + " with no extension (§5.2)");
        }
        if (frame.opcode() >= CLOSE && (frame.payload().length > 125 || !frame.fin())) {
            violations.add("a control frame of " + frame.payload().length + " bytes, fin " + frame.fin() + " (§5.5)");
        }
        if (frame.opcode() == TEXT && frame.fin() && !validUtf8(frame.payload())) {
            violations.add("a text frame that is not UTF-8 (§8.1)");
        }
        if (serverClose != null) {
            violations.add("a frame after the server's close (§5.5.1): opcode " + frame.opcode());
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private void readFully(byte[] into) throws IOException {
        int at = 0;
        while (at < into.length) {
            int n = in.read(into, at, into.length - at);
            if (n < 0) {
                throw new EOFException();
            }
            at += n;
        }
    }

    /** Whether {@code bytes} are well-formed UTF-8. */
    public static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Every frame the server sent so far. */
    public List<Received> frames() {
        synchronized (frames) {
            return new ArrayList<>(frames);
        }
    }

    /** Every whole text message the server sent so far. */
    public List<String> texts() {
        synchronized (frames) {
            return new ArrayList<>(texts);
        }
    }

    /** What the server sent that RFC 6455 forbids a server to send. */
    public List<String> violations() {
        synchronized (frames) {
            return new ArrayList<>(violations);
        }
    }

    /** Waits for a text message containing {@code fragment}; fails, saying how the connection stands, if none comes. */
    public String awaitText(String fragment) {
        return awaitText(fragment, Await.DEFAULT);
    }

    public String awaitText(String fragment, Duration timeout) {
        String found = textContaining(fragment, timeout);
        if (found == null) {
            throw new AssertionError("no text containing " + fragment + " (" + (ended() ? ending(Duration.ZERO) : "still open")
                    + "); received " + texts());
        }
        return found;
    }

    /** The first text message containing {@code fragment}, waiting up to {@code timeout}; null if the server ends the connection first or none comes. */
    public String textContaining(String fragment, Duration timeout) {
        Predicate<String> match = text -> text.contains(fragment);
        within(timeout, () -> texts().stream().anyMatch(match) || ended());
        return texts().stream().filter(match).findFirst().orElse(null);
    }

    /** Waits for the {@code n}th pong (from 1) and returns its payload; null if none comes within {@code timeout}. */
    public byte[] awaitPong(int n, Duration timeout) {
        within(timeout, () -> pongs().size() >= n || serverClose != null || tcp != Tcp.OPEN);
        List<byte[]> pongs = pongs();
        return pongs.size() >= n ? pongs.get(n - 1) : null;
    }

    public List<byte[]> pongs() {
        return frames().stream().filter(f -> f.opcode() == PONG).map(Received::payload).toList();
    }

    /**
     * Waits until the server sends a close frame or ends TCP, at most {@code timeout}; after a
     * close frame, a while longer for the TCP close that should follow.
     */
    public Ending ending(Duration timeout) {
        within(timeout, () -> serverClose != null || tcp != Tcp.OPEN);
        if (serverClose != null) {
            within(TCP_AFTER_CLOSE, () -> tcp != Tcp.OPEN);
        }
        Received close = serverClose;
        return close == null ? new Ending(null, "", tcp) : new Ending(close.closeCode(), close.closeReason(), tcp);
    }

    /** Whether the server has closed or dropped the connection. */
    public boolean ended() {
        return serverClose != null || tcp != Tcp.OPEN;
    }

    private static boolean within(Duration timeout, Await.Condition<RuntimeException> condition) {
        try {
            return Await.within(timeout, Await.Pace.QUICK, condition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Sends a TCP reset instead of a close, as a crashed client would (SO_LINGER 0). */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        close();
    }

    @Override
    public void close() {
        if (tcp == Tcp.OPEN) {
            tcp = Tcp.CLOSED_BY_CLIENT;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to free
        }
    }
}
