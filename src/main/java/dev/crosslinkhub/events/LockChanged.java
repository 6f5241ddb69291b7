package dev.crosslinkhub.events;

import java.util.Objects;

/** An agent claimed or released the lock on an issue. */
public record LockChanged(long issueId, LockAction action, String agentId) implements HubEvent {

    public LockChanged {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(agentId, "agentId");
    }

    @Override
    public String channel() {
        return Channels.LOCKS;
    }

    @Override
    public String type() {
        return "lock_changed";
    }
}
