package io.dropnight.core;

import java.util.Locale;

/**
 * Every route the service answers, with the name used in metrics and interval-log tags and the
 * priority used by shedding. {@link #modelled()} endpoints cost time in the virtual backend; the
 * others (health, metrics, admin, unrouted) are answered directly so that they stay observable
 * under overload.
 */
public enum Endpoint {
    SESSION("session", Priority.TITLE, true),
    HOME("home", Priority.HOME, true),
    TITLE("title", Priority.TITLE, true),
    SEARCH("search", Priority.SEARCH, true),
    PLAYBACK_START("playback-start", Priority.PLAYBACK, true),
    HEARTBEAT("heartbeat", Priority.PLAYBACK, true),
    PAGE_HOME("page-home", Priority.HOME, true),
    PAGE_TITLE("page-title", Priority.TITLE, true),
    /** The cinema reservations (issue 27): a region's screenings. */
    SCREENINGS("screenings", Priority.HOME, true),
    /** Holding seats. */
    HOLD("hold", Priority.TITLE, true),
    /** Confirming a hold: a purchase, as critical as playback. */
    CONFIRM("confirm", Priority.PLAYBACK, true),
    /** Releasing a hold. */
    CANCEL("cancel", Priority.TITLE, true),
    HEALTH("health", Priority.PLAYBACK, false),
    METRICS("metrics", Priority.PLAYBACK, false),
    ADMIN("admin", Priority.PLAYBACK, false),
    UNROUTED("unrouted", Priority.SEARCH, false);

    private final String metricName;
    private final Priority priority;
    private final boolean modelled;

    Endpoint(String metricName, Priority priority, boolean modelled) {
        this.metricName = metricName;
        this.priority = priority;
        this.modelled = modelled;
    }

    /** Stable lower-case name used in JSON, config keys and histogram tags (for example {@code playback-start}). */
    public String metricName() {
        return metricName;
    }

    public Priority priority() {
        return priority;
    }

    /** Whether a request to this endpoint goes through admission and the virtual backend. */
    public boolean modelled() {
        return modelled;
    }

    /**
     * Looks an endpoint up by its {@link #metricName()}.
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static Endpoint byMetricName(String name) {
        for (Endpoint e : values()) {
            if (e.metricName.equals(name)) {
                return e;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Endpoint e : values()) {
            if (e.modelled) {
                known.append(known.length() == 0 ? "" : ", ").append(e.metricName);
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown endpoint '%s'; expected one of %s", name, known));
    }
}
