package io.dropnight.learn.log;

/**
 * One parsed line of an access log. Mutable and reused for every line of a pass, so that reading
 * ten million lines does not allocate ten million of these (the learner reads each line's fields
 * before the next is parsed). Not thread-safe.
 */
public final class LogLine {
    /** No duration logged. */
    public static final long NO_DURATION = -1;

    long epochSecond;
    String method;
    String path;
    int status;
    long durationMicros = NO_DURATION;
    long viewer;

    /** When the request was logged, whole seconds since the epoch (UTC). */
    public long epochSecond() {
        return epochSecond;
    }

    /** The request's method, such as {@code GET}. */
    public String method() {
        return method;
    }

    /** The request's path without its query string, as logged (ids not yet replaced). */
    public String path() {
        return path;
    }

    /** The answer's status code. */
    public int status() {
        return status;
    }

    /** How long the request took, microseconds; {@link #NO_DURATION} when the log does not say. */
    public long durationMicros() {
        return durationMicros;
    }

    /** The viewer key's 64-bit hash ({@link ViewerHash}); never 0. */
    public long viewer() {
        return viewer;
    }

    void clear() {
        epochSecond = 0;
        method = null;
        path = null;
        status = 0;
        durationMicros = NO_DURATION;
        viewer = 0;
    }
}
