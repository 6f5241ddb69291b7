package dev.crosslinkhub.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final Set<String> PROXY = Set.of("10.0.0.5");

    @Test
    void behindATrustedProxyTheClientIsTheAddressItForwarded() {
        assertEquals("203.0.113.7", ClientAddress.ofRequest("10.0.0.5", "203.0.113.7", PROXY));
        // what the client itself claimed comes first; the proxy appends what it saw
        assertEquals("203.0.113.7", ClientAddress.ofRequest("10.0.0.5", "198.51.100.1, 203.0.113.7", PROXY));
        assertEquals("203.0.113.7", ClientAddress.ofRequest("10.0.0.5", "203.0.113.7, 10.0.0.5", PROXY), "a chain of trusted proxies");
        assertEquals("10.0.0.5", ClientAddress.ofRequest("10.0.0.5", null, PROXY));
        assertEquals("10.0.0.5", ClientAddress.ofRequest("10.0.0.5", " , ", PROXY));
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress() {
        assertEquals("192.0.2.9", ClientAddress.ofRequest("192.0.2.9", "203.0.113.7", PROXY));
        assertEquals("192.0.2.9", ClientAddress.ofRequest("192.0.2.9", "203.0.113.7", Set.of()));
    }
}
