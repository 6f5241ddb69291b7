package dev.crosslinkhub.bench;

import dev.crosslinkhub.support.RawWebSocket;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connect/disconnect cycles on {@code /ws}, so many at a time, each ending one of four ways in
 * turn ({@link Ending}). Every cycle but a refused one first has the hub answer a frame, so the
 * session was open in the hub's registry before it ends.
 *
 * <p>Each connection names its client in {@code X-Forwarded-For}, which the hub believes only
 * from a trusted proxy ({@code hub.trusted-proxies} must list this machine): cycles that should
 * be served each have an address of their own, and refused ones use one address that
 * {@link #crowd} has filled up to {@code hub.ws.max-connections-per-address}.
 *
 * <p>Plain blocking sockets, one platform thread per connection at a time: a cycle is short,
 * and the point is what the server keeps afterwards, not the client's speed.
 */
public final class ConnectionChurn {

    /** How a cycle ends. */
    public enum Ending {
        /** A close frame (1000), its echo awaited, then the server's TCP close. */
        CLEAN_CLOSE,
        /** A TCP reset, as a crashed client would send (SO_LINGER 0). */
        TCP_RESET,
        /** A TCP close in the middle of a large text frame: 16 KB of a 48 KB message sent. */
        CLOSE_MID_SEND,
        /** Refused by the per-address limit: the hub closes with 1008 at once. */
        REFUSED
    }

    /**
     * What a run of cycles found.
     *
     * @param asExpected per ending, the cycles that went as that ending should
     * @param failed     cycles that did not, in all
     * @param failures   the first few of those, described
     * @param meanMillis per ending, the mean time of a cycle, from connect to close
     * @param millis     how long the cycles took, from the first connect to the last close
     */
    public record Outcome(Map<Ending, Integer> asExpected, long failed, List<String> failures, Map<Ending, Double> meanMillis,
                          long millis) {

        public int cycles() {
            return asExpected.values().stream().mapToInt(Integer::intValue).sum() + (int) failed;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%,d cycles in %.1f s (%,.0f/s): as expected %s; %,d not%s; mean ms a cycle %s",
                    cycles(), millis / 1000.0, millis > 0 ? cycles() * 1000.0 / millis : 0, asExpected, failed,
                    failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")", meanMillisText());
        }

        private String meanMillisText() {
            StringBuilder text = new StringBuilder("{");
            meanMillis.forEach((ending, mean) -> text.append(text.length() > 1 ? ", " : "").append(ending).append('=')
                    .append(String.format(Locale.ROOT, "%.1f", mean)));
            return text.append('}').toString();
        }
    }

    /** The hub's tables (metrics) that must come back to where they were once the cycles are over. */
    public static final List<String> TABLES = List.of("crosslink_hub_sessions", "crosslink_hub_client_addresses",
            "crosslink_hub_container_connections", "crosslink_hub_idle_timer_tasks");

    private static final int READ_TIMEOUT_MS = 15_000;
    private static final int LARGE_MESSAGE = 48 * 1024;
    private static final int SENT_OF_LARGE = 16 * 1024;
    private static final int FAILURES_KEPT = 5;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;

    /** One connection, read through one buffer. */
    private record Link(Socket socket, InputStream in, OutputStream out) implements AutoCloseable {

        @Override
        public void close() {
            quietly(socket);
        }
    }

    private final URI ws;
    private final String token;
    private final String crowdedAddress;

    /**
     * @param ws             the hub's {@code /ws}
     * @param token          the API token, sent as a bearer token with each upgrade
     * @param crowdedAddress the client address of refused cycles, filled up by {@link #crowd} first
     */
    public ConnectionChurn(URI ws, String token, String crowdedAddress) {
        this.ws = ws;
        this.token = token;
        this.crowdedAddress = crowdedAddress;
    }

    /**
     * Sessions of the crowded address, held open while refused cycles run. A thread for each
     * answers the hub's keepalive pings, which would otherwise close it (4008) and free its slot;
     * closing the crowd closes each cleanly.
     */
    public static final class Crowd implements AutoCloseable {

        private final List<Link> held = new ArrayList<>();
        private final List<Thread> keepers = new ArrayList<>();
        private final AtomicInteger lost = new AtomicInteger();

        private void hold(Link link) {
            try {
                link.socket().setSoTimeout(0); // it waits for pings as long as the run lasts
            } catch (IOException e) {
                lost.incrementAndGet();
            }
            Thread keeper = new Thread(() -> keep(link), "churn-crowd-" + held.size());
            keeper.setDaemon(true);
            held.add(link);
            keepers.add(keeper);
            keeper.start();
        }

        /** Answers pings until the hub's close (the echo of the crowd's own) or the connection's end. */
        private void keep(Link link) {
            int[] opcode = new int[1];
            try {
                while (true) {
                    byte[] payload = readFrame(link.in(), opcode);
                    if (opcode[0] == OPCODE_PING) {
                        writeMasked(link, OPCODE_PONG, payload);
                    } else if (opcode[0] == OPCODE_CLOSE) {
                        return;
                    }
                }
            } catch (IOException e) {
                lost.incrementAndGet();
            }
        }

        /** The sessions held: the hub's per-address limit, or 0 if it refused none. */
        public int size() {
            return held.size();
        }

        /** Held sessions that ended before the crowd was closed. */
        public int lost() {
            return lost.get();
        }

        @Override
        public void close() throws InterruptedException {
            for (Link link : held) {
                try {
                    writeMasked(link, OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8});
                } catch (IOException ignored) {
                    // it ended already: lost() counts it
                }
            }
            for (Thread keeper : keepers) {
                keeper.join(READ_TIMEOUT_MS);
            }
            held.forEach(Link::close);
            held.clear();
            keepers.clear();
        }
    }

    /**
     * Opens sessions for the crowded address until the hub refuses one (1008), at most
     * {@code max}, and keeps the others open. An empty crowd if the hub never refused: it has no
     * per-address limit, or does not trust this machine as a proxy.
     */
    public Crowd crowd(int max) throws IOException, InterruptedException {
        Crowd crowd = new Crowd();
        List<Link> opened = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                Link link = upgrade(crowdedAddress);
                opened.add(link);
                Integer closed = answerOrClose(link, "crowd-" + i);
                if (closed != null) {
                    opened.remove(link);
                    link.close();
                    if (closed != 1008) {
                        throw new IOException("the hub closed a crowding connection with " + closed + ", not 1008");
                    }
                    opened.forEach(crowd::hold);
                    return crowd;
                }
            }
            opened.forEach(Link::close); // never refused
            return crowd;
        } catch (IOException | RuntimeException e) {
            opened.forEach(Link::close);
            throw e;
        }
    }

    /** Runs {@code cycles} cycles, {@code concurrency} at a time, the endings in turn. */
    public Outcome run(int cycles, int concurrency) throws InterruptedException {
        Map<Ending, AtomicInteger> counts = new EnumMap<>(Ending.class);
        Map<Ending, AtomicLong> nanos = new EnumMap<>(Ending.class);
        for (Ending ending : Ending.values()) {
            counts.put(ending, new AtomicInteger());
            nanos.put(ending, new AtomicLong());
        }
        AtomicLong failed = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "churn-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.execute(() -> {
                for (int cycle = next.getAndIncrement(); cycle < cycles; cycle = next.getAndIncrement()) {
                    Ending ending = Ending.values()[cycle % Ending.values().length];
                    String wrong;
                    long began = System.nanoTime();
                    try {
                        wrong = cycle(cycle, ending);
                    } catch (IOException | RuntimeException e) {
                        wrong = e.toString();
                    }
                    nanos.get(ending).addAndGet(System.nanoTime() - began);
                    if (wrong == null) {
                        counts.get(ending).incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        if (failures.size() < FAILURES_KEPT) {
                            failures.add("cycle " + cycle + " (" + ending + "): " + wrong);
                        }
                    }
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
            workers.shutdownNow();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<Ending, Integer> asExpected = new EnumMap<>(Ending.class);
        Map<Ending, Double> meanMillis = new EnumMap<>(Ending.class);
        for (Ending ending : Ending.values()) {
            asExpected.put(ending, counts.get(ending).get());
            long ran = (cycles + Ending.values().length - 1 - ending.ordinal()) / Ending.values().length;
            meanMillis.put(ending, ran == 0 ? 0 : nanos.get(ending).get() / 1e6 / ran);
        }
        return new Outcome(asExpected, failed.get(), List.copyOf(failures), meanMillis, millis);
    }

    /** One cycle; null if it went as its ending should, else what went otherwise. */
    private String cycle(int cycle, Ending ending) throws IOException {
        try (Link link = upgrade(ending == Ending.REFUSED ? crowdedAddress : addressOf(cycle))) {
            Integer closed = answerOrClose(link, ending == Ending.REFUSED ? null : "churn-" + cycle);
            if (ending == Ending.REFUSED) {
                return closed != null && closed == 1008 ? null : "expected close 1008, got " + (closed == null ? "an answer" : closed);
            }
            if (closed != null) {
                return "closed with " + closed + " before its frame was answered";
            }
            switch (ending) {
                case CLEAN_CLOSE -> {
                    return closeCleanly(link);
                }
                case TCP_RESET -> link.socket().setSoLinger(true, 0);
                case CLOSE_MID_SEND -> {
                    OutputStream out = link.out();
                    byte[] mask = new byte[4];
                    ThreadLocalRandom.current().nextBytes(mask);
                    byte[] head = {(byte) (0x80 | OPCODE_TEXT), (byte) (0x80 | 126), (byte) (LARGE_MESSAGE >> 8), (byte) LARGE_MESSAGE,
                            mask[0], mask[1], mask[2], mask[3]};
                    byte[] part = new byte[SENT_OF_LARGE];
                    for (int i = 0; i < part.length; i++) {
                        part[i] = (byte) ('x' ^ mask[i & 3]);
                    }
                    out.write(head);
                    out.write(part);
                    out.flush();
                }
                default -> throw new IllegalStateException(ending.name());
            }
            return null;
        }
    }

    /** A distinct client address for each served cycle, in 10.0.0.0/8. */
    private static String addressOf(int cycle) {
        return "10." + ((cycle >> 16) & 0xFF) + "." + ((cycle >> 8) & 0xFF) + "." + (cycle & 0xFF);
    }

    private Link upgrade(String clientAddress) throws IOException {
        Socket socket = new Socket(ws.getHost(), ws.getPort());
        try {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(("GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                    + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token
                    + "\r\nX-Forwarded-For: " + clientAddress + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
            }
            return new Link(socket, in, out);
        } catch (IOException | RuntimeException e) {
            quietly(socket);
            throw e;
        }
    }

    /**
     * Sends a frame the hub must answer with an error naming {@code marker} (a message of an
     * unknown type), and reads until that answer or a close; null after the answer, the close
     * code after a close. A null marker sends nothing and reads until the close.
     */
    private static Integer answerOrClose(Link link, String marker) throws IOException {
        if (marker != null) {
            writeMasked(link, OPCODE_TEXT, ("{\"type\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        InputStream in = link.in();
        while (true) {
            int[] opcode = new int[1];
            byte[] payload = readFrame(in, opcode);
            if (opcode[0] == OPCODE_CLOSE) {
                return closeCode(payload);
            }
            if (marker != null && opcode[0] == OPCODE_TEXT && new String(payload, StandardCharsets.UTF_8).contains(marker)) {
                return null;
            }
        }
    }

    /** Close 1000, then the echo and the server's TCP close; null if both came, else what came instead. */
    private static String closeCleanly(Link link) throws IOException {
        writeMasked(link, OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8});
        InputStream in = link.in();
        int[] opcode = new int[1];
        byte[] payload;
        do {
            payload = readFrame(in, opcode);
        } while (opcode[0] != OPCODE_CLOSE);
        int code = closeCode(payload);
        try {
            if (in.read() >= 0) {
                return "the server sent more after its close";
            }
        } catch (SocketTimeoutException e) {
            return "the server did not end TCP after its close";
        }
        return code == 1000 ? null : "the close was answered with " + code;
    }

    /** One whole frame, masked as a client's must be; a crowd's keeper and its close may write at once. */
    private static void writeMasked(Link link, int opcode, byte[] payload) throws IOException {
        byte[] frame = RawWebSocket.Frame.of(opcode, payload).encode();
        synchronized (link) {
            link.out().write(frame);
            link.out().flush();
        }
    }

    /** The code of a close frame's payload; 1005 (none given) for an empty one. */
    private static int closeCode(byte[] payload) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }

    /** One server frame (unmasked, as a server sends); its opcode in {@code opcode[0]}. */
    private static byte[] readFrame(InputStream in, int[] opcode) throws IOException {
        int first = readByte(in);
        int second = readByte(in);
        opcode[0] = first & 0x0F;
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        if (length > 1 << 20) {
            throw new IOException("a server frame of " + length + " bytes");
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("the connection ended inside a frame");
        }
        return payload;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server ended the connection");
        }
        return b;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            head.append((char) readByte(in));
        }
        return head.toString();
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to free
        }
    }
}
