package dev.crosslinkhub.hub;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider of the hub's hand-made frames, looked up once. Each {@code Json.create…}
 * call looks it up again through the class loaders' resources: on Payara that was a tenth of
 * the server's CPU for a client that connects, sends one frame and goes.
 */
final class HubJson {

    static final JsonProvider PROVIDER = JsonProvider.provider();

    private HubJson() {
    }
}
