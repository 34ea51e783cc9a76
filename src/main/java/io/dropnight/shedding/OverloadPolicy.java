package io.dropnight.shedding;

import io.dropnight.core.ConfigException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** The rule a policy name follows, for messages: {@code must be one of none, fixed, adaptive, priority}. */
    public static final String RULE = Arrays.stream(values()).map(OverloadPolicy::configName)
            .collect(Collectors.joining(", ", "must be one of ", ""));

    /** The name in flags, config files and reports, for example {@code priority}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy named {@code text} (case and surrounding blanks ignored), if there is one. */
    public static Optional<OverloadPolicy> byConfigName(String text) {
        if (text != null) {
            for (OverloadPolicy p : values()) {
                if (p.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @throws ConfigException naming {@code field} and the accepted values
     */
    public static OverloadPolicy parse(String field, String text) {
        return byConfigName(text).orElseThrow(() -> new ConfigException(field, text, RULE));
    }
}
