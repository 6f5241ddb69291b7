package dev.crosslinkhub.hub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text messages framed as a server sends them (RFC 6455 §5.2: final, opcode text, unmasked),
 * one after the other in one buffer, for a container that takes frames of the hub's own.
 */
final class TextFrames {

    private static final int FIN_TEXT = 0x81;

    private TextFrames() {
    }

    static ByteBuffer of(List<String> messages) {
        byte[][] payloads = new byte[messages.size()][];
        int total = 0;
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = messages.get(i).getBytes(StandardCharsets.UTF_8);
            total = Math.addExact(total, headerLength(payloads[i].length) + payloads[i].length);
        }
        ByteBuffer frames = ByteBuffer.allocate(total);
        for (byte[] payload : payloads) {
            frames.put((byte) FIN_TEXT);
            int length = payload.length;
            if (length < 126) {
                frames.put((byte) length);
            } else if (length <= 0xFFFF) {
                frames.put((byte) 126).putShort((short) length);
            } else {
                frames.put((byte) 127).putLong(length);
            }
            frames.put(payload);
        }
        return frames.flip();
    }

    static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }
}
