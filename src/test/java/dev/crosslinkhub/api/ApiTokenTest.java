package dev.crosslinkhub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    /** The events a token fired, in order. */
    private static final class Fired implements Event<TokenRotated> {
        final List<TokenRotated> events = new ArrayList<>();

        @Override
        public void fire(TokenRotated event) {
            events.add(event);
        }

        @Override
        public <U extends TokenRotated> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TokenRotated> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<TokenRotated> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends TokenRotated> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TokenRotated> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    private static ApiToken hub(String configured, TokenStore store, Fired fired) {
        ApiToken token = new ApiToken();
        token.configured = Optional.ofNullable(configured);
        token.store = store;
        token.rotations = fired;
        token.load();
        return token;
    }

    @Test
    void aConfiguredTokenShorterThanSixteenCharactersStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> hub("fifteen-chars-x", new MemoryTokenStore(), new Fired()));
        assertTrue(refused.getMessage().startsWith("hub.api-token is 15 characters; at least 16 are required"), refused.getMessage());
        assertTrue(hub("sixteen-chars-xx", new MemoryTokenStore(), new Fired()).matches("sixteen-chars-xx"));
    }

    @Test
    void aRotationToTooShortATokenIsRefusedAndTheOldOneStays() {
        Fired fired = new Fired();
        ApiToken token = hub("the-configured-token", new MemoryTokenStore(), fired);
        // a 400 naming the rule over HTTP (WebSocketAuthIT); here, without a JAX-RS runtime, it just throws
        assertThrows(RuntimeException.class, () -> token.rotate("short"));
        assertTrue(token.matches("the-configured-token"));
        assertEquals(List.of(), fired.events);
        assertEquals(32, token.rotate(null).length(), "a random one when none is given");
    }

    @Test
    void aRotationOnOneHubHoldsOnEveryHubStartedWithTheSameTokenAndAfterARestart() {
        TokenStore database = new MemoryTokenStore();
        Fired onFirst = new Fired();
        Fired onSecond = new Fired();
        ApiToken first = hub("the-configured-token", database, onFirst);
        ApiToken second = hub("the-configured-token", database, onSecond);

        first.rotate("the-rotated-token-1");
        assertTrue(first.matches("the-rotated-token-1"));
        assertFalse(first.matches("the-configured-token"));
        assertEquals(List.of(new TokenRotated(1)), onFirst.events);

        assertTrue(second.matches("the-configured-token"), "until the second hub looks");
        second.refresh();
        assertFalse(second.matches("the-configured-token"));
        assertEquals(1, second.generationOf("the-rotated-token-1").getAsLong());
        assertEquals(List.of(new TokenRotated(1)), onSecond.events);
        second.refresh();
        assertEquals(1, onSecond.events.size(), "a rotation is taken up once");

        ApiToken restarted = hub("the-configured-token", database, new Fired());
        assertTrue(restarted.matches("the-rotated-token-1"), "the rotation survives a restart");
        assertFalse(restarted.matches("the-configured-token"));

        ApiToken reconfigured = hub("a-new-configured-token", database, new Fired());
        assertTrue(reconfigured.matches("a-new-configured-token"), "an operator who configures another token gets it");
        assertFalse(reconfigured.matches("the-rotated-token-1"));
    }
}
