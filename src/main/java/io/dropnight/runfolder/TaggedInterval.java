package io.dropnight.runfolder;

import org.HdrHistogram.Histogram;

/**
 * One line of an interval log.
 *
 * @param tag         the histogram's tag ({@code <scenario>/<endpoint>/<outcome>} on the server side)
 * @param startMillis start of the interval, milliseconds since the epoch
 * @param endMillis   end of the interval, milliseconds since the epoch
 * @param histogram   latencies recorded in the interval, microseconds; not to be modified
 */
public record TaggedInterval(String tag, long startMillis, long endMillis, Histogram histogram) {

    /** Length of the interval in seconds, at least one millisecond so rates stay finite. */
    public double lengthSec() {
        return Math.max(1L, endMillis - startMillis) / 1000.0;
    }
}
