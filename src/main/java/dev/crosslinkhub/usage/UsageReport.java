package dev.crosslinkhub.usage;

import static dev.crosslinkhub.api.WireValues.atLeast;
import static dev.crosslinkhub.api.WireValues.maxBytes;
import static dev.crosslinkhub.api.WireValues.present;
import static dev.crosslinkhub.api.WireValues.required;

/** {@code POST /usage}: {@code agent_id}, {@code input_tokens} and {@code output_tokens} required. */
public record UsageReport(String agentId, Long sessionId, Long inputTokens, Long outputTokens, Long cacheReadTokens,
                          Long cacheCreationTokens, String model, Double costEstimate) {

    /** Checked by hand: Payara's OpenAPI generator fails on Bean Validation annotations of records. */
    UsageReport checked() {
        maxBytes("agent_id", required("agent_id", agentId), 256);
        atLeast("input_tokens", present("input_tokens", inputTokens), 0);
        atLeast("output_tokens", present("output_tokens", outputTokens), 0);
        atLeast("cache_read_tokens", cacheReadTokens, 0);
        atLeast("cache_creation_tokens", cacheCreationTokens, 0);
        atLeast("cost_estimate", costEstimate, 0);
        maxBytes("model", model, 256);
        return this;
    }
}
