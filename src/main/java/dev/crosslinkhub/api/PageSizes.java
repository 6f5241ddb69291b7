package dev.crosslinkhub.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a list answer is when the request does not say ({@code hub.api.default-page-size}),
 * and at most ({@code hub.api.max-page-size}); both at least 1, the default no more than the maximum.
 */
@ApplicationScoped
public class PageSizes {

    static final String DEFAULT_SETTING = "hub.api.default-page-size";
    static final String MAX_SETTING = "hub.api.max-page-size";

    @Inject
    @ConfigProperty(name = DEFAULT_SETTING, defaultValue = "500")
    int configuredDefault;

    @Inject
    @ConfigProperty(name = MAX_SETTING, defaultValue = "1000")
    int configuredMax;

    private int max;
    private int defaultLimit;

    @PostConstruct
    void settle() {
        max = Math.max(1, configuredMax);
        defaultLimit = Math.min(Math.max(1, configuredDefault), max);
    }

    /** The most rows one answer carries: a list page, or the comments and sub-issues in an issue's detail. */
    public int max() {
        return max;
    }

    /** The page a list route's {@code limit} and {@code offset} query parameters ask for. */
    public Page page(String limit, String offset) {
        return Page.parse(limit, offset, defaultLimit, max);
    }
}
