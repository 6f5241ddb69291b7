package dev.crosslinkhub.hub.access;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which browser pages may open {@code /ws}, by their {@code Origin}. The origins listed in
 * {@code hub.ws.allowed-origins}, if any; otherwise the page the hub's own public URL
 * ({@code hub.public-url}) serves; with neither, a page served from this very host over loopback.
 *
 * <p>Never the request's {@code Host} alone: a page on a name the attacker controls can rebind
 * that name to the hub's address (DNS rebinding), and then its origin and the Host agree. Loopback
 * names are the exception an attacker cannot rebind to: the browser resolves them itself.
 */
final class OriginPolicy {

    private final Set<String> listed;
    private final Optional<Site> publicSite;

    OriginPolicy(Set<String> listed, Optional<String> publicUrl) {
        this.listed = listed;
        this.publicSite = publicUrl.flatMap(Site::parse);
    }

    /** Whether a page from {@code origin}, asking with {@code host} as its Host header, may open {@code /ws}. */
    boolean allows(String origin, String host) {
        if (!listed.isEmpty()) {
            return listed.contains("*") || listed.contains(origin);
        }
        Optional<Site> page = Site.parse(origin);
        if (page.isEmpty()) {
            return false;
        }
        if (publicSite.isPresent()) {
            Site hub = publicSite.get();
            return page.get().equals(hub) || hub.loopback() && page.get().loopbackAliasOf(hub);
        }
        return page.get().loopback() && page.get().authority().equalsIgnoreCase(host == null ? "" : host.trim());
    }

    /** What to tell a refused page. */
    String advice() {
        return listed.isEmpty()
                ? "set hub.public-url to the URL pages reach the hub at, or list origins in hub.ws.allowed-origins"
                : "it is not in hub.ws.allowed-origins";
    }

    /** Scheme, host and port of an origin, the port made explicit. */
    private record Site(String scheme, String host, int port) {

        /** An address literal, not a name that begins like one ({@code 127.attacker.example} can be rebound). */
        private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

        static Optional<Site> parse(String text) {
            try {
                URI uri = URI.create(text.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                    return Optional.empty();
                }
                int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                return Optional.of(new Site(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        boolean loopback() {
            // names under .localhost are loopback too (RFC 6761), and browsers resolve them so themselves
            return host.equals("localhost") || host.endsWith(".localhost") || LOOPBACK_IPV4.matcher(host).matches() || host.equals("[::1]");
        }

        /** The same port and scheme under another loopback name (localhost for 127.0.0.1, and so on). */
        boolean loopbackAliasOf(Site other) {
            return loopback() && scheme.equals(other.scheme) && port == other.port;
        }

        /** As a Host header names it: the port left out when it is the scheme's default. */
        String authority() {
            boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
            return defaultPort ? host : host + ":" + port;
        }
    }
}
