package io.dropnight.shedding;

import io.dropnight.core.ConfigException;

import java.util.Locale;

/** What the service does when offered more work than its modelled capacity. */
public enum OverloadPolicy {
    /** No admission control: the wait queue grows without bound and clients time out (the collapse). */
    NONE,
    /** A fixed bound: busy slots plus a bounded wait queue; beyond it, the error page at once. */
    FIXED,
    /** A concurrency limit discovered from measured latency (Netflix concurrency-limits). */
    ADAPTIVE,
    /** Sheds the least critical requests first: search, then home, then title; playback last. */
    PRIORITY;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws ConfigException naming {@code field} and the accepted values
     */
    public static OverloadPolicy parse(String field, String text) {
        if (text != null) {
            for (OverloadPolicy p : values()) {
                if (p.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw new ConfigException(field, text, "must be one of none, fixed, adaptive, priority");
    }
}
