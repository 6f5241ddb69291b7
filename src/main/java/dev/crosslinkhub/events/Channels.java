package dev.crosslinkhub.events;

import java.util.Set;

/** The four channels of crosslink 0.8. */
public final class Channels {

    public static final String AGENTS = "agents";
    public static final String ISSUES = "issues";
    public static final String LOCKS = "locks";
    public static final String EXECUTION = "execution";

    public static final Set<String> CROSSLINK = Set.of(AGENTS, ISSUES, LOCKS, EXECUTION);

    private Channels() {
    }
}
