package dev.crosslinkhub.hub.container;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Writes WebSocket frames the hub has framed itself, several messages to one write, where the
 * container lets it (Tyrus). Through JSR 356 every message is its own send: the container
 * encodes it to UTF-8 and writes and flushes it alone, which on Payara was most of what a
 * delivered message cost.
 */
public interface FrameWriter {

    /**
     * Hands {@code frames} (complete, unmasked server frames) to the container in one write.
     * Completes once the container has taken them, exceptionally if it could not.
     */
    CompletionStage<?> write(ByteBuffer frames);
}
