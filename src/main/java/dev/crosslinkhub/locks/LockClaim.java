package dev.crosslinkhub.locks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of a claim or a release: who, and for a claim the branch the agent works on. */
public record LockClaim(@NotBlank @Size(max = 256) String agentId, @Size(max = 512) String branch) {
}
