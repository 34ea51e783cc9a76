package io.dropnight.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Interval-log tags of the form {@code <scenario>/<endpoint>/<outcome>} (server) or
 * {@code <night>/<metric>} (client). HdrHistogram's log format separates fields with commas and
 * its tools split on spaces, so a tag holds neither; each part matches {@code [a-z0-9._-]+}.
 */
public final class HistogramTags {
    private static final Pattern PART = Pattern.compile("[a-z0-9._-]{1,64}");

    private HistogramTags() {
    }

    /**
     * Joins parts with {@code /}.
     *
     * @throws IllegalArgumentException naming the part when it is empty or holds characters other
     *                                  than {@code [a-z0-9._-]}
     */
    public static String of(String... parts) {
        StringBuilder tag = new StringBuilder();
        for (String part : parts) {
            if (part == null || !PART.matcher(part).matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "tag part '%s' must be 1 to 64 characters of [a-z0-9._-]", part));
            }
            tag.append(tag.length() == 0 ? "" : "/").append(part);
        }
        return tag.toString();
    }

    /** The parts of a tag; an untagged histogram (null) gives an empty array. */
    public static String[] split(String tag) {
        return tag == null || tag.isEmpty() ? new String[0] : tag.split("/", -1);
    }

    /** A file-name-safe form of a tag: {@code /} becomes {@code _}. */
    public static String fileName(String tag) {
        return tag.replace('/', '_');
    }
}
