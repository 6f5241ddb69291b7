package dev.crosslinkhub.hub.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static final OriginPolicy UNCONFIGURED = new OriginPolicy(Set.of(), Optional.empty());
    private static final OriginPolicy PUBLIC = new OriginPolicy(Set.of(), Optional.of("https://hub.example.com/"));
    private static final OriginPolicy PUBLIC_LOOPBACK = new OriginPolicy(Set.of(), Optional.of("http://127.0.0.1:3190"));

    @Test
    void aRebindedNameIsRefusedThoughItsOriginAndHostAgree() {
        assertFalse(UNCONFIGURED.allows("http://rebind.example:3190", "rebind.example:3190"));
        assertFalse(PUBLIC.allows("http://rebind.example:3190", "rebind.example:3190"));
        assertFalse(PUBLIC_LOOPBACK.allows("http://rebind.example:3190", "rebind.example:3190"));
        assertFalse(UNCONFIGURED.allows("http://127.0.0.1.rebind.example:3190", "127.0.0.1.rebind.example:3190"),
                "a name that begins like a loopback address is a name");
        assertFalse(UNCONFIGURED.allows("http://127.rebind.example:3190", "127.rebind.example:3190"));
        assertFalse(UNCONFIGURED.allows("http://dashboard.localhost.rebind.example:3190", "dashboard.localhost.rebind.example:3190"));
    }

    @Test
    void namesUnderLocalhostAreLoopbackAsBrowsersResolveThem() {
        assertTrue(UNCONFIGURED.allows("http://dashboard.localhost:3190", "dashboard.localhost:3190"));
        assertTrue(PUBLIC_LOOPBACK.allows("http://dashboard.localhost:3190", "dashboard.localhost:3190"));
        assertFalse(PUBLIC_LOOPBACK.allows("http://dashboard.localhost:4000", "dashboard.localhost:4000"));
        assertFalse(PUBLIC.allows("http://dashboard.localhost:3190", "dashboard.localhost:3190"), "the hub is not served on loopback");
    }

    @Test
    void withNothingConfiguredOnlyALoopbackPageOfThisVeryHostMayConnect() {
        assertTrue(UNCONFIGURED.allows("http://127.0.0.1:3190", "127.0.0.1:3190"));
        assertTrue(UNCONFIGURED.allows("http://localhost:3190", "localhost:3190"));
        assertTrue(UNCONFIGURED.allows("http://[::1]:3190", "[::1]:3190"));
        assertTrue(UNCONFIGURED.allows("http://localhost", "localhost"));
        assertFalse(UNCONFIGURED.allows("http://localhost:3191", "localhost:3190"), "another port is another page");
        assertFalse(UNCONFIGURED.allows("http://hub.lan:3190", "hub.lan:3190"), "a LAN name needs hub.public-url");
        assertFalse(UNCONFIGURED.allows("http://127.0.0.1:3190", null));
    }

    @Test
    void thePublicUrlsOwnPagesMayConnectAndOnLoopbackItsAliasesToo() {
        assertTrue(PUBLIC.allows("https://hub.example.com", "whatever-the-proxy-sent"));
        assertTrue(PUBLIC.allows("https://HUB.example.com:443", "hub.example.com"));
        assertFalse(PUBLIC.allows("http://hub.example.com", "hub.example.com"), "another scheme");
        assertFalse(PUBLIC.allows("https://hub.example.com:8443", "hub.example.com:8443"));
        assertFalse(PUBLIC.allows("http://127.0.0.1:3190", "127.0.0.1:3190"), "the hub is not served on loopback");

        assertTrue(PUBLIC_LOOPBACK.allows("http://127.0.0.1:3190", "127.0.0.1:3190"));
        assertTrue(PUBLIC_LOOPBACK.allows("http://localhost:3190", "localhost:3190"));
        assertFalse(PUBLIC_LOOPBACK.allows("http://localhost:4000", "localhost:4000"));
    }

    @Test
    void listedOriginsAreExactAndStarIsAny() {
        OriginPolicy listed = new OriginPolicy(Set.of("https://console.example"), Optional.of("https://hub.example.com"));
        assertTrue(listed.allows("https://console.example", "hub.example.com"));
        assertFalse(listed.allows("https://hub.example.com", "hub.example.com"), "a list replaces the default");
        assertTrue(new OriginPolicy(Set.of("*"), Optional.empty()).allows("http://anything.example", "x"));
    }

    @Test
    void whatIsNoWebOriginIsRefused() {
        assertFalse(UNCONFIGURED.allows("null", "127.0.0.1:3190"));
        assertFalse(UNCONFIGURED.allows("file:///etc/passwd", "127.0.0.1:3190"));
        assertFalse(UNCONFIGURED.allows("http://[bad", "127.0.0.1:3190"));
        assertFalse(UNCONFIGURED.allows("", "127.0.0.1:3190"));
    }
}
