package dev.crosslinkhub.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** REST bodies are crosslink's snake_case JSON; an unknown field is an error, not silently lost. */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withDeserializers(new StrictText(), new StrictInteger())
            .setProperty("jsonb.fail-on-unknown-properties", true));

    /** The REST API's JSON binding, for a route served outside JAX-RS that must bind and answer alike. */
    public static Jsonb restJsonb() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
