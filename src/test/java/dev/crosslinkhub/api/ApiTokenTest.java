package dev.crosslinkhub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static ApiToken configured(String value) {
        ApiToken token = new ApiToken();
        token.configured = Optional.ofNullable(value);
        token.load();
        return token;
    }

    @Test
    void aConfiguredTokenShorterThanSixteenCharactersStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> configured("fifteen-chars-x"));
        assertTrue(refused.getMessage().startsWith("hub.api-token is 15 characters; at least 16 are required"), refused.getMessage());
        assertTrue(configured("sixteen-chars-xx").matches("sixteen-chars-xx"));
    }

    @Test
    void aRotationToTooShortATokenIsRefusedAndTheOldOneStays() {
        ApiToken token = configured("the-configured-token");
        // a 400 naming the rule over HTTP (WebSocketAuthIT); here, without a JAX-RS runtime, it just throws
        assertThrows(RuntimeException.class, () -> token.rotate("short"));
        assertTrue(token.matches("the-configured-token"));
        assertEquals(32, token.rotate(null).length(), "a random one when none is given");
    }
}
