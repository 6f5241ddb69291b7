package dev.crosslinkhub.mcp;

import dev.crosslinkhub.events.Channels;
import dev.crosslinkhub.hub.EventFeed;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells subscribed MCP sessions when a resource they read has changed: one thread follows the
 * hub's events on {@code issues} and {@code locks} (every instance's, as {@code /ws} gets them)
 * and sends {@code notifications/resources/updated} for {@code crosslink://issues/{id}} and
 * {@code crosslink://locks}. The SDK sends each only to the sessions subscribed to that URI.
 * While no MCP session is open the thread keeps its place in the feed and parks, rather than wake
 * for every event nobody will hear about; it catches up from that place when one opens.
 */
@ApplicationScoped
public class ResourceWatch {

    private static final Logger LOG = Logger.getLogger(ResourceWatch.class.getName());
    private static final Set<String> CHANNELS = Set.of(Channels.ISSUES, Channels.LOCKS);
    private static final Pattern ISSUE_ID = Pattern.compile("\"issue_id\":(\\d+)");
    /** How an event on {@code locks} ends: its type is the last field the hub writes. */
    private static final String LOCK_CHANGED = "\"type\":\"lock_changed\"}";

    private static final Duration PARK = Duration.ofSeconds(30);

    @Inject
    EventFeed feed;

    @Inject
    McpSessions sessions;

    @Resource
    ManagedThreadFactory threads;

    private volatile Thread watcher;

    void start(McpSyncServer server) {
        Thread thread = threads.newThread(() -> follow(server));
        thread.setName("mcp-resource-watch");
        watcher = thread;
        thread.start();
    }

    void stop() {
        Thread thread = watcher;
        watcher = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void follow(McpSyncServer server) {
        Long since = null;
        Long epoch = null;
        while (watcher == Thread.currentThread()) {
            try {
                if (since == null) {
                    // the place to follow from, taken now: a session that opens later catches up from here
                    EventFeed.Reading now = feed.after(CHANNELS, null, null, 1, Duration.ZERO);
                    epoch = now.epoch();
                    since = now.nextSince();
                }
                if (!sessions.awaitOne(PARK)) {
                    continue;
                }
                EventFeed.Reading reading = feed.after(CHANNELS, since, epoch, 100, PARK);
                epoch = reading.epoch();
                since = reading.nextSince();
                Set<String> changed = new LinkedHashSet<>();
                if (reading.reset()) {
                    changed.add(CoordinationResources.LOCKS); // the issues that changed meanwhile are not known here
                }
                for (String event : reading.events()) {
                    changed.add(uriOf(event));
                }
                for (String uri : changed) {
                    server.notifyResourcesUpdated(new ResourcesUpdatedNotification(uri));
                }
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException fault) {
                LOG.log(Level.WARNING, "event=mcp-resource-notify-failed", fault);
            }
        }
    }

    /** The resource an event on {@code issues} or {@code locks} changed. */
    static String uriOf(String event) {
        Matcher issue = ISSUE_ID.matcher(event);
        if (event.endsWith(LOCK_CHANGED) || !issue.find()) {
            return CoordinationResources.LOCKS;
        }
        return CoordinationResources.ISSUE_PREFIX + issue.group(1);
    }
}
