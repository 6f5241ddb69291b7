package dev.crosslinkhub.hub;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The few threads that write to sockets. They are made once: on Payara each managed task
 * submission pays a costly context capture, and a send to a full socket may block its thread,
 * which must never be the thread that fired the event. Any free thread drains any outbox that
 * has work, so one stalled client holds one thread, not the others' sessions.
 */
@ApplicationScoped
public class SenderPool implements Outbox.Scheduler {

    private static final Logger LOG = Logger.getLogger(SenderPool.class.getName());

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    HubSettings settings;

    private final LinkedBlockingQueue<Outbox> ready = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    @PostConstruct
    void start() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        ClassLoader lookups = settings.cacheServiceLookups() ? new ServiceLookupCache(application) : application;
        start(threadFactory, settings.senderThreads(), lookups);
    }

    /** Makes {@code count} sender threads from {@code factory}, sending with {@code lookups} as their context class loader. */
    void start(ThreadFactory factory, int count, ClassLoader lookups) {
        for (int i = 0; i < count; i++) {
            Thread thread = factory.newThread(() -> {
                Thread.currentThread().setContextClassLoader(lookups);
                run();
            });
            thread.setName("hub-sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public void schedule(Outbox outbox) {
        ready.add(outbox);
    }

    private void run() {
        while (running) {
            try {
                ready.take().drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "hub sender failed; it carries on", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
