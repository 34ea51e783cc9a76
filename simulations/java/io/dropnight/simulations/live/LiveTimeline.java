package io.dropnight.simulations.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live page's recent past: a point a reading (a second, as the page's ticker reads the night)
 * for the last {@link #seconds()} points, oldest first, and the last reading. The first reading
 * only sets the baseline the next one is measured from; a reading whose clock did not move on is
 * kept as the latest but makes no point.
 *
 * <p>Not thread-safe: one ticker adds, and reads between adds.
 */
public final class LiveTimeline {
    /** Two minutes of a night, a point a second. */
    public static final int DEFAULT_SECONDS = 120;

    private final int seconds;
    private final ArrayDeque<LivePoint> points;
    private LiveReading last;
    private LiveReading baseline;

    /** @param seconds how many points are kept, at least 2 */
    public LiveTimeline(int seconds) {
        if (seconds < 2) {
            throw new IllegalArgumentException("a live timeline keeps at least 2 points, not " + seconds);
        }
        this.seconds = seconds;
        this.points = new ArrayDeque<>(seconds);
    }

    /** Adds a reading; returns the point it made, if any. */
    public Optional<LivePoint> add(LiveReading reading) {
        last = reading;
        if (baseline == null) {
            baseline = reading;
            return Optional.empty();
        }
        if (reading.atMillis() <= baseline.atMillis()) {
            return Optional.empty();
        }
        LivePoint p = LivePoint.between(baseline, reading);
        baseline = reading;
        if (points.size() == seconds) {
            points.removeFirst();
        }
        points.addLast(p);
        return Optional.of(p);
    }

    /** The points kept, oldest first (a copy). */
    public List<LivePoint> points() {
        return new ArrayList<>(points);
    }

    /** The last reading added, if any. */
    public Optional<LiveReading> last() {
        return Optional.ofNullable(last);
    }

    /** How many points are kept at most. */
    public int seconds() {
        return seconds;
    }
}
