package dev.crosslinkhub.hub;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context class loader of the sender threads: the application's, but remembering which jars
 * hold each {@code META-INF/services/} file. On Payara, every WebSocket send re-arms Tyrus' idle
 * timer on a managed executor, whose context capture looks such a file up by scanning every jar
 * of the runtime; measured, that scan was most of the server's CPU under load. The answer never
 * changes while the application runs, so it is looked up once.
 */
final class ServiceLookupCache extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";

    private final ConcurrentHashMap<String, List<URL>> found = new ConcurrentHashMap<>();

    ServiceLookupCache(ClassLoader application) {
        super(application);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(SERVICES)) {
            return super.getResources(name);
        }
        List<URL> urls = found.get(name);
        if (urls == null) {
            urls = List.copyOf(Collections.list(getParent().getResources(name)));
            found.putIfAbsent(name, urls);
        }
        return Collections.enumeration(urls);
    }
}
