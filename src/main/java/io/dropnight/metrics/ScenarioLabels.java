package io.dropnight.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns the untrusted {@code X-Scenario} header into a bounded set of metric labels so that hostile
 * input cannot grow memory or break log tags: lower-cased, every character outside
 * {@code [a-z0-9._-]} replaced by {@code -}, at most {@value #MAX_LENGTH} characters; an absent or
 * blank header gives {@value #UNLABELLED}; once {@code maxDistinct} labels have been admitted every
 * new one becomes {@value #OTHER}. Thread-safe and lock-free; admitted labels stay admitted.
 */
public final class ScenarioLabels {
    public static final String UNLABELLED = "unlabelled";
    public static final String OTHER = "other";
    /** The label of requests the harness makes itself (moving the drop, reading /metrics): not a night. */
    public static final String HARNESS = "harness";
    public static final int MAX_LENGTH = 48;
    /**
     * Enough for every night plus a few ad-hoc labels. It bounds memory: each (scenario, endpoint)
     * holds up to five auto-resizing recorders of two histograms each, about 190 KB per histogram
     * once latencies reach an hour's range, so 16 labels x 12 endpoints stay under about 350 MB in
     * the very worst case, and a few MB in practice (docs/BENCHMARKS.md).
     */
    public static final int DEFAULT_MAX_DISTINCT = 16;

    private final int maxDistinct;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admittedCount = new AtomicInteger();

    /** @param maxDistinct how many distinct labels are kept before the rest become {@value #OTHER}; at least 1 */
    public ScenarioLabels(int maxDistinct) {
        if (maxDistinct < 1) {
            throw new IllegalArgumentException("maxDistinct = " + maxDistinct + ": must be >= 1");
        }
        this.maxDistinct = maxDistinct;
    }

    public ScenarioLabels() {
        this(DEFAULT_MAX_DISTINCT);
    }

    /** The label to record for a raw header value (null when the header is absent). */
    public String label(String raw) {
        String clean = sanitise(raw);
        if (admitted.contains(clean)) {
            return clean;
        }
        if (clean.equals(UNLABELLED) || clean.equals(OTHER)) {
            return clean; // always allowed, never counted against the budget
        }
        if (admittedCount.incrementAndGet() > maxDistinct) {
            admittedCount.decrementAndGet();
            return OTHER;
        }
        if (!admitted.add(clean)) {
            admittedCount.decrementAndGet(); // another thread admitted the same label first
        }
        return clean;
    }

    /** The character-level cleaning alone, without the distinct-label budget. */
    public static String sanitise(String raw) {
        if (raw == null) {
            return UNLABELLED;
        }
        String trimmed = raw.strip();
        int length = Math.min(trimmed.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = Character.toLowerCase(trimmed.charAt(i));
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            out.append(allowed ? c : '-');
        }
        return out.length() == 0 ? UNLABELLED : out.toString().toLowerCase(Locale.ROOT);
    }
}
