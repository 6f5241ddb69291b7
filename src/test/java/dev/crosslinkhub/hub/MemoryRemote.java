package dev.crosslinkhub.hub;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's remote end in memory: it records every text and ping the hub sends, and completes
 * each send at once (as Tyrus does, inside {@code sendText}) or when the test says so (as
 * Undertow does, later, on another thread). Thread-safe: sender threads and the test share it.
 */
final class MemoryRemote {

    private final List<String> sent = new ArrayList<>();
    private final ArrayDeque<SendHandler> pending = new ArrayDeque<>();
    private int pings;
    private boolean completeInline = true;
    private IOException failure;
    private Error broken;

    /** Sends complete only when {@link #completeOne} is called. */
    synchronized MemoryRemote holdingCompletions() {
        completeInline = false;
        return this;
    }

    /** Every later ping fails with this. */
    synchronized void failPingsWith(IOException e) {
        failure = e;
    }

    /** Every later {@code sendText} throws this, as a container or hub bug would. */
    synchronized void breakSendsWith(Error error) {
        broken = error;
    }

    RemoteEndpoint.Async async() {
        return (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText" -> {
                            if (args.length == 2) {
                                sendText((String) args[0], (SendHandler) args[1]);
                                return null;
                            }
                        }
                        case "sendPing" -> {
                            ping();
                            return null;
                        }
                        case "toString" -> {
                            return "MemoryRemote";
                        }
                        default -> {
                        }
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private void sendText(String text, SendHandler handler) {
        boolean inline;
        synchronized (this) {
            if (broken != null) {
                throw broken;
            }
            sent.add(text);
            inline = completeInline;
            if (!inline) {
                pending.add(handler);
            }
        }
        if (inline) {
            handler.onResult(new SendResult());
        }
    }

    private void ping() throws IOException {
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            pings++;
        }
    }

    /** Completes the oldest send still in flight, as the container would, with {@code result}. */
    void completeOne(SendResult result) {
        SendHandler handler;
        synchronized (this) {
            handler = pending.removeFirst();
        }
        handler.onResult(result);
    }

    void completeOne() {
        completeOne(new SendResult());
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    synchronized int count() {
        return sent.size();
    }

    synchronized int pings() {
        return pings;
    }
}
