package dev.crosslinkhub.usage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** {@code POST /usage}: {@code agent_id}, {@code input_tokens} and {@code output_tokens} required. */
public record UsageReport(@NotBlank @Size(max = 256) String agentId, Long sessionId,
                          @NotNull @PositiveOrZero Long inputTokens, @NotNull @PositiveOrZero Long outputTokens,
                          @PositiveOrZero Long cacheReadTokens, @PositiveOrZero Long cacheCreationTokens,
                          @Size(max = 256) String model, @PositiveOrZero Double costEstimate) {
}
