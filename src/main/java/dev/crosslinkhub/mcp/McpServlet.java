package dev.crosslinkhub.mcp;

import dev.crosslinkhub.api.ErrorBody;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /mcp}: each request is handed, in async mode, to the SDK's servlet on an MCP thread of
 * its own. The SDK's servlet holds the thread it runs on until the answer is sent, a
 * {@code wait_for_events} up to its timeout; on the container's HTTP threads (four on Payara)
 * a few waiting agents would leave the hub deaf to everything else. Each call runs in a CDI
 * request context of its own, as a REST request does. It notes the sessions the SDK opens and
 * ends for {@link McpSessions}.
 */
final class McpServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(McpServlet.class.getName());

    private final transient HttpServlet sdk;
    private final transient ExecutorService calls;
    private final transient McpSessions sessions;
    private final transient Instance<RequestContextController> requestContexts;

    McpServlet(HttpServlet sdk, ExecutorService calls, McpSessions sessions, Instance<RequestContextController> requestContexts) {
        this.sdk = sdk;
        this.calls = calls;
        this.sessions = sessions;
        this.requestContexts = requestContexts;
    }

    @Override
    public void init() throws ServletException {
        sdk.init(getServletConfig());
    }

    @Override
    public void destroy() {
        sdk.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AsyncContext started = request.startAsync();
        // the servlet spec allows timeouts and listeners only during the dispatch that started async
        // mode: set both here, and pass the SDK's later listeners on through the one added now
        started.setTimeout(0); // the SDK ends it: a wait is bounded by hub.mcp.max-wait-ms, a session's stream by the session
        LaterListeners listeners = new LaterListeners();
        started.addListener(listeners);
        AsyncContext async = new SdkAsyncContext(started, listeners);
        HandedOn handedOn = new HandedOn(request, async);
        try {
            calls.execute(() -> answer(handedOn, response, async));
        } catch (RejectedExecutionException full) {
            new ErrorBody("busy", "every MCP thread is taken (hub.mcp.max-threads); try again").writeTo(response, 503);
            async.complete();
        }
    }

    private void answer(HandedOn request, HttpServletResponse response, AsyncContext async) {
        RequestContextController context = requestContexts.get();
        context.activate();
        try {
            sdk.service(request, response);
        } catch (IOException | ServletException | RuntimeException fault) {
            LOG.log(Level.WARNING, "event=mcp-request-failed", fault);
        } finally {
            context.deactivate();
            requestContexts.destroy(context);
            if (!request.startedBySdk) {
                // an answer the SDK wrote at once (initialize, 202, an error): complete it, after noting its session
                note(request, response);
                async.complete();
            }
        }
    }

    private void note(HttpServletRequest request, HttpServletResponse response) {
        String session = request.getHeader(McpGate.SESSION);
        if (session == null) {
            String opened = response.getHeader(McpGate.SESSION);
            if (opened != null && response.getStatus() == HttpServletResponse.SC_OK) {
                sessions.opened(opened, (Long) request.getAttribute(McpGate.TOKEN_GENERATION), System.nanoTime());
            }
        } else if ("DELETE".equals(request.getMethod()) || response.getStatus() == HttpServletResponse.SC_NOT_FOUND) {
            sessions.ended(session);
        }
    }

    /** Listeners the SDK adds once async mode is on, called by the one added while that was allowed. */
    private static final class LaterListeners implements AsyncListener {

        private final List<AsyncListener> listeners = new CopyOnWriteArrayList<>();

        void add(AsyncListener listener) {
            listeners.add(listener);
        }

        @Override
        public void onComplete(AsyncEvent event) throws IOException {
            for (AsyncListener listener : listeners) {
                listener.onComplete(event);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            for (AsyncListener listener : listeners) {
                listener.onTimeout(event);
            }
        }

        @Override
        public void onError(AsyncEvent event) throws IOException {
            for (AsyncListener listener : listeners) {
                listener.onError(event);
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // async mode starts once, before the SDK runs
        }
    }

    /** The async context as the SDK may use it from an MCP thread: its timeout is set already, its listeners go through {@link LaterListeners}. */
    private record SdkAsyncContext(AsyncContext context, LaterListeners listeners) implements AsyncContext {

        @Override
        public ServletRequest getRequest() {
            return context.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return context.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return context.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            context.dispatch();
        }

        @Override
        public void dispatch(String path) {
            context.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext servletContext, String path) {
            context.dispatch(servletContext, path);
        }

        @Override
        public void complete() {
            context.complete();
        }

        @Override
        public void start(Runnable run) {
            context.start(run);
        }

        @Override
        public void addListener(AsyncListener listener) {
            listeners.add(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            listeners.add(listener);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
            return context.createListener(type);
        }

        @Override
        public void setTimeout(long timeout) {
            // set to 0 (none) on the container's thread, where the spec allows it
        }

        @Override
        public long getTimeout() {
            return context.getTimeout();
        }
    }

    /** The request as the SDK sees it: already in async mode, so its own startAsync takes over this context. */
    private static final class HandedOn extends HttpServletRequestWrapper {

        private final AsyncContext async;
        private volatile boolean startedBySdk;

        HandedOn(HttpServletRequest request, AsyncContext async) {
            super(request);
            this.async = async;
        }

        @Override
        public AsyncContext startAsync() {
            startedBySdk = true;
            return async;
        }

        @Override
        public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
            return startAsync();
        }

        @Override
        public AsyncContext getAsyncContext() {
            return async;
        }
    }
}
