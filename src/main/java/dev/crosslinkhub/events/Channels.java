package dev.crosslinkhub.events;

import java.util.Set;

/** crosslink's channels: the four of 0.8, and 0.9's {@code dashboard}. */
public final class Channels {

    public static final String AGENTS = "agents";
    public static final String ISSUES = "issues";
    public static final String LOCKS = "locks";
    public static final String EXECUTION = "execution";
    /**
     * crosslink 0.9 (beta): {@code dashboard_project_updated}, {@code dashboard_alerts_changed}.
     * Known so that a 0.9 client may subscribe to it; the hub fires no events of its own on it yet.
     */
    public static final String DASHBOARD = "dashboard";

    public static final Set<String> CROSSLINK = Set.of(AGENTS, ISSUES, LOCKS, EXECUTION, DASHBOARD);

    private Channels() {
    }
}
