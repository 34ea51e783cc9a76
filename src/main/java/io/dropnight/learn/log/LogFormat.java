package io.dropnight.learn.log;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The access-log formats {@code learn night} reads, by the label its {@code --format} flag takes. */
public enum LogFormat {
    /** nginx's (and Apache's) {@code combined}, optionally followed by fields of one's own. */
    COMBINED("combined"),
    /** One JSON object per line with named fields (time, method, path, status, duration, a viewer key). */
    JSON_LINES("jsonl");

    private final String label;

    LogFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<LogFormat> of(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }
}
