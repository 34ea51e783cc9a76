package io.dropnight.learn.log;

/** Reads one access-log line into a {@link LogLine}. Implementations keep small caches: one per pass, not thread-safe. */
public interface LineParser {
    /** What became of a line. */
    enum Outcome {
        /** Every field the learner needs was read. */
        PARSED,
        /** The line is not in the format. */
        UNPARSABLE,
        /** The line is in the format but carries no viewer key ({@code -}, empty or absent). */
        NO_VIEWER
    }

    /** Reads {@code line} into {@code into}, whose earlier content is overwritten. */
    Outcome parse(String line, LogLine into);

    /** The parser for {@code format} reading the viewer from {@code key}, with {@code fields} naming a JSON line's fields. */
    static LineParser of(LogFormat format, ViewerKey key, JsonFields fields) {
        return format == LogFormat.COMBINED ? new CombinedParser(key) : new JsonLinesParser(key, fields);
    }
}
