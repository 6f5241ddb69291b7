package dev.crosslinkhub.locks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/locks/notify}: {@code {issue_id, action, agent_id}}, all required. */
public record LockNotification(@NotNull Long issueId, @NotNull String action, @NotBlank String agentId) {
}
