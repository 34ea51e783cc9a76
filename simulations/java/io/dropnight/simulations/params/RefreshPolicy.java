package io.dropnight.simulations.params;

import java.util.Locale;

/** What a viewer does on the error page. */
public enum RefreshPolicy {
    /** A person: pauses 1–3 s and refreshes, up to the refresh budget, then gives up. */
    REFRESH,
    /** The mitigation: exponential backoff with full jitter, never sooner than {@code Retry-After}. */
    BACKOFF;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws ParameterException naming the accepted values */
    public static RefreshPolicy parse(String property, String text) {
        for (RefreshPolicy p : values()) {
            if (p.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new ParameterException(property, text, "must be one of refresh, backoff");
    }
}
