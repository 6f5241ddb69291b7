package dev.crosslinkhub.settings;

import dev.crosslinkhub.api.RequestRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;

/** Reads and changes the project configuration. */
@ApplicationScoped
@Transactional
public class ProjectConfigService {

    private static final List<String> TRACKING_MODES = List.of("strict", "normal", "relaxed");
    private static final List<String> SIGNING = List.of("off", "audit", "warn", "enforce");

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    public ProjectConfig.View current() {
        ProjectConfig config = em.find(ProjectConfig.class, ProjectConfig.THE_CONFIG);
        return (config == null ? new ProjectConfig() : config).view();
    }

    public ProjectConfig.View change(ProjectConfig.Patch patch) {
        check("tracking_mode", patch.trackingMode(), TRACKING_MODES);
        check("signing_enforcement", patch.signingEnforcement(), SIGNING);
        if (patch.staleLockTimeoutMinutes() != null && patch.staleLockTimeoutMinutes() < 0) {
            throw RequestRejected.badRequest("stale_lock_timeout_minutes must not be negative");
        }
        ProjectConfig config = em.find(ProjectConfig.class, ProjectConfig.THE_CONFIG, LockModeType.PESSIMISTIC_WRITE);
        if (config == null) {
            config = new ProjectConfig();
            em.persist(config);
        }
        config.apply(patch);
        return config.view();
    }

    /** How long a lock may go before it counts as stale (crosslink's config default: 30 minutes). */
    public Duration staleLockTimeout() {
        return Duration.ofMinutes(current().staleLockTimeoutMinutes());
    }

    private static void check(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw RequestRejected.badRequest("Invalid " + field + " '" + value + "'. Must be one of: " + String.join(", ", allowed));
        }
    }
}
