package dev.crosslinkhub.hub.conformance;

import dev.crosslinkhub.support.RawWebSocket;
import dev.crosslinkhub.support.RawWebSocket.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The fuzzer's frames, all drawn from one seeded {@link Random}. A unit is one message (its
 * fragments, maybe with control frames between them) or one control frame; {@link #mutate}
 * breaks a unit at random, {@link #brokenUnit} on purpose in one of the ways the RFC names.
 * Whether the result is valid is for {@link ProtocolModel} to say.
 */
final class FrameGenerator {

    private static final String[] CHANNELS = {"agents", "issues", "locks", "execution", "dashboard"};
    /** Bytes that break UTF-8 wherever they land (a lone continuation, an overlong lead, never-used bytes) or often do. */
    private static final int[] UTF8_BREAKERS = {0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF, 0xED, 0xE2, 0xF0};
    private static final String DAMAGE = "{}[]\",:\\ x0\u00e9\u20ac";
    private static final int[] INVALID_CLOSE_CODES = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999};

    private final Random random;
    private int pings;

    FrameGenerator(Random random) {
        this.random = random;
    }

    /** A valid unit: a subscribe, some refused text, binary, a ping or a pong, fragmented now and then. */
    List<Frame> validUnit() {
        int pick = random.nextInt(100);
        if (pick < 12) {
            return maybeFragmented(RawWebSocket.TEXT, utf8(subscribe()));
        } else if (pick < 17) {
            return maybeFragmented(RawWebSocket.TEXT, utf8(badSubscribe()));
        } else if (pick < 25) {
            return maybeFragmented(RawWebSocket.TEXT, utf8("{\"type\":\"fuzz-" + random.nextInt(1000) + "\"}"));
        } else if (pick < 35) {
            return maybeFragmented(RawWebSocket.TEXT, utf8(randomText(random.nextInt(200))));
        } else if (pick < 45) {
            return maybeFragmented(RawWebSocket.TEXT, utf8(damagedJson(subscribe())));
        } else if (pick < 51) {
            return maybeFragmented(RawWebSocket.BINARY, randomBytes(random.nextInt(300)));
        } else if (pick < 61) {
            return List.of(ping());
        } else if (pick < 67) {
            return List.of(Frame.pong(randomBytes(random.nextInt(126))));
        } else if (pick < 69) {
            return List.of(Frame.text(""));
        } else if (pick < 70) {
            // around the hub's limit of 65,536 characters: "message too large" or the usual refusal
            return maybeFragmented(RawWebSocket.TEXT, utf8("{\"type\":\"" + "x".repeat(60_000 + random.nextInt(10_000)) + "\"}"));
        } else if (pick < 80) {
            return fragmented(RawWebSocket.TEXT, utf8(random.nextBoolean() ? subscribe() : randomText(20 + random.nextInt(100))));
        } else if (pick < 83) {
            return fragmented(RawWebSocket.BINARY, randomBytes(random.nextInt(100)));
        } else {
            return maybeFragmented(RawWebSocket.TEXT, utf8(random.nextBoolean() ? subscribe() : damagedJson(subscribe())));
        }
    }

    /** A ping with a payload of its own (a counter first), so that its pong can be told from the others'. */
    Frame ping() {
        byte[] payload = randomBytes(2 + random.nextInt(124));
        payload[0] = (byte) (pings >>> 8);
        payload[1] = (byte) pings++;
        return Frame.ping(payload);
    }

    /** {@code unit} with one thing changed at random: a header bit, the opcode, the mask, a byte, a frame dropped or moved. */
    List<Frame> mutate(List<Frame> unit) {
        List<Frame> frames = new ArrayList<>(unit);
        int at = random.nextInt(frames.size());
        Frame frame = frames.get(at);
        switch (random.nextInt(9)) {
            case 0 -> frames.set(at, frame.withRsv(1 << random.nextInt(3)));
            case 1 -> frames.set(at, with(frame, frame.fin(), random.nextInt(16), frame.payload()));
            case 2 -> frames.set(at, frame.unmasked());
            case 3 -> frames.set(at, with(frame, !frame.fin(), frame.opcode(), frame.payload()));
            case 4 -> frames.set(at, with(frame, frame.fin(), frame.opcode(), breakUtf8(frame.payload())));
            case 5 -> frames.set(at, with(frame, frame.fin(), frame.opcode(), randomBytes(126 + random.nextInt(200))));
            case 6 -> {
                if (frames.size() > 1) {
                    frames.remove(at);
                }
            }
            case 7 -> {
                if (frames.size() > 1) {
                    frames.add(random.nextInt(frames.size()), frames.remove(at));
                }
            }
            default -> frames.set(at, frame.maskedWith(new byte[4])); // a zero mask is still a mask
        }
        return frames;
    }

    /** A unit broken in one of the ways RFC 6455 says fails the connection. */
    List<Frame> brokenUnit() {
        List<Supplier<List<Frame>>> ways = List.of(
                () -> List.of(Frame.text(subscribe()).withRsv(1 + random.nextInt(7))),
                () -> List.of(Frame.of(reservedOpcode(), randomBytes(random.nextInt(50)))),
                () -> List.of(Frame.text(subscribe()).unmasked()),
                () -> List.of(Frame.of(RawWebSocket.PING + random.nextInt(2), randomBytes(126 + random.nextInt(300)))),
                () -> List.of(Frame.ping(randomBytes(random.nextInt(20))).notFinal()),
                () -> List.of(Frame.continuation(utf8(subscribe()))),
                () -> List.of(Frame.text("{\"type\":").notFinal(), Frame.text(subscribe())),
                () -> List.of(Frame.of(RawWebSocket.TEXT, breakUtf8(utf8(randomText(10 + random.nextInt(50)))))),
                () -> splitBreakingUtf8(),
                () -> List.of(Frame.close(INVALID_CLOSE_CODES[random.nextInt(INVALID_CLOSE_CODES.length)], new byte[0])),
                () -> List.of(Frame.of(RawWebSocket.CLOSE, randomBytes(1))),
                () -> List.of(Frame.close(1000, new byte[] {'o', 'k', (byte) 0xC0, (byte) 0x80})));
        return ways.get(random.nextInt(ways.size())).get();
    }

    /** A text message whose UTF-8 breaks across a fragment boundary (a lead byte, then no continuation). */
    private List<Frame> splitBreakingUtf8() {
        byte[] start = utf8("{\"type\":\"");
        byte[] lead = {(byte) (random.nextBoolean() ? 0xE2 : 0xF0)};
        return List.of(Frame.of(RawWebSocket.TEXT, concat(start, lead)).notFinal(), Frame.ping(new byte[] {1}),
                Frame.continuation(utf8("x\"}")));
    }

    private List<Frame> maybeFragmented(int opcode, byte[] payload) {
        return random.nextInt(4) == 0 ? fragmented(opcode, payload) : List.of(Frame.of(opcode, payload));
    }

    /** {@code payload} in 2-6 fragments cut at random bytes (so through characters too), control frames now and then between. */
    private List<Frame> fragmented(int opcode, byte[] payload) {
        int parts = 2 + random.nextInt(5);
        int[] cuts = new int[parts + 1];
        for (int i = 1; i < parts; i++) {
            cuts[i] = payload.length == 0 ? 0 : random.nextInt(payload.length + 1);
        }
        cuts[parts] = payload.length;
        Arrays.sort(cuts);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            Frame part = Frame.of(i == 0 ? opcode : RawWebSocket.CONTINUATION, Arrays.copyOfRange(payload, cuts[i], cuts[i + 1]));
            frames.add(i == parts - 1 ? part : part.notFinal());
            if (i < parts - 1 && random.nextInt(4) == 0) {
                frames.add(random.nextBoolean() ? ping() : Frame.pong(randomBytes(random.nextInt(10))));
            }
        }
        return frames;
    }

    private String subscribe() {
        StringBuilder json = new StringBuilder("{\"type\":\"subscribe\",\"channels\":[");
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(CHANNELS[random.nextInt(CHANNELS.length)]).append('"');
        }
        json.append(']');
        if (random.nextInt(10) == 0) {
            json.append(",\"since\":9223372036854775807"); // resume from now: no replay to wait for
        }
        return json.append('}').toString();
    }

    private String badSubscribe() {
        return switch (random.nextInt(4)) {
            case 0 -> "{\"type\":\"subscribe\",\"channels\":[\"nowhere\"]}";
            case 1 -> "{\"type\":\"subscribe\",\"channels\":[7]}";
            case 2 -> "{\"type\":\"subscribe\"}";
            default -> "{\"type\":\"subscribe\",\"channels\":[\"locks\"],\"since\":-1}";
        };
    }

    /** {@code json} with a few characters deleted, doubled or replaced. */
    private String damagedJson(String json) {
        StringBuilder damaged = new StringBuilder(json);
        for (int i = 1 + random.nextInt(3); i > 0 && damaged.length() > 0; i--) {
            int at = random.nextInt(damaged.length());
            switch (random.nextInt(3)) {
                case 0 -> damaged.deleteCharAt(at);
                case 1 -> damaged.insert(at, damaged.charAt(at));
                default -> damaged.setCharAt(at, DAMAGE.charAt(random.nextInt(DAMAGE.length())));
            }
        }
        return damaged.toString();
    }

    /** Valid UTF-8 of one-, two-, three- and four-byte characters. */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            int codePoint = kind < 6 ? 0x20 + random.nextInt(0x5F)
                    : kind < 8 ? 0x80 + random.nextInt(0x780)
                    : kind < 9 ? 0xE000 + random.nextInt(0x2000)
                    : 0x10000 + random.nextInt(0x100000);
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private byte[] breakUtf8(byte[] payload) {
        byte breaker = (byte) UTF8_BREAKERS[random.nextInt(UTF8_BREAKERS.length)];
        if (payload.length == 0) {
            return new byte[] {breaker};
        }
        byte[] broken = payload.clone();
        broken[random.nextInt(broken.length)] = breaker;
        return broken;
    }

    private int reservedOpcode() {
        int[] reserved = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF};
        return reserved[random.nextInt(reserved.length)];
    }

    private static Frame with(Frame frame, boolean fin, int opcode, byte[] payload) {
        return new Frame(fin, frame.rsv(), opcode, payload, frame.mask(), frame.length());
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
