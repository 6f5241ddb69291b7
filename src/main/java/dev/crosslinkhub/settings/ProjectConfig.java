package dev.crosslinkhub.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row of crosslink's Config, with its defaults until someone changes them. */
@Entity
@Table(name = "hub_config")
public class ProjectConfig {

    static final int THE_CONFIG = 1;

    @Id
    private int id = THE_CONFIG;

    @Column(name = "tracking_mode", nullable = false, length = 16)
    private String trackingMode = "normal";

    @Column(name = "stale_lock_timeout_minutes", nullable = false)
    private long staleLockTimeoutMinutes = 30;

    @Column(nullable = false, length = 256)
    private String remote = "origin";

    @Column(name = "signing_enforcement", nullable = false, length = 16)
    private String signingEnforcement = "off";

    @Column(name = "intervention_tracking", nullable = false)
    private boolean interventionTracking;

    @Column(name = "auto_steal_stale_locks", nullable = false)
    private boolean autoStealStaleLocks;

    /** {@code {tracking_mode, stale_lock_timeout_minutes, remote, signing_enforcement, intervention_tracking, auto_steal_stale_locks}}. */
    public record View(String trackingMode, long staleLockTimeoutMinutes, String remote, String signingEnforcement,
                       boolean interventionTracking, boolean autoStealStaleLocks) {
    }

    /** PATCH body: every field optional. */
    public record Patch(String trackingMode, Long staleLockTimeoutMinutes, String remote, String signingEnforcement,
                        Boolean interventionTracking, Boolean autoStealStaleLocks) {
    }

    View view() {
        return new View(trackingMode, staleLockTimeoutMinutes, remote, signingEnforcement, interventionTracking, autoStealStaleLocks);
    }

    void apply(Patch patch) {
        if (patch.trackingMode() != null) {
            trackingMode = patch.trackingMode();
        }
        if (patch.staleLockTimeoutMinutes() != null) {
            staleLockTimeoutMinutes = patch.staleLockTimeoutMinutes();
        }
        if (patch.remote() != null) {
            remote = patch.remote();
        }
        if (patch.signingEnforcement() != null) {
            signingEnforcement = patch.signingEnforcement();
        }
        if (patch.interventionTracking() != null) {
            interventionTracking = patch.interventionTracking();
        }
        if (patch.autoStealStaleLocks() != null) {
            autoStealStaleLocks = patch.autoStealStaleLocks();
        }
    }

    long staleLockTimeoutMinutes() {
        return staleLockTimeoutMinutes;
    }
}
