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

    /** The policy {@code label} names exactly (a night file's {@code refresh:}), if it names one. */
    public static java.util.Optional<RefreshPolicy> of(String label) {
        return java.util.Arrays.stream(values()).filter(p -> p.label().equals(label)).findFirst();
    }

    /** @throws ParameterException naming the accepted values */
    public static RefreshPolicy parse(String property, String text) {
        return of(text.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ParameterException(property, text, "must be one of refresh, backoff"));
    }
}
