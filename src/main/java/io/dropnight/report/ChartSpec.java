package io.dropnight.report;

import java.util.List;

/**
 * One chart as the page's script draws it with Chart.js; serialised to JSON inside the page.
 *
 * @param id        the canvas element's id
 * @param kind      {@code percentiles} (x: number of nines, y: log latency in ms) or {@code timeline}
 *                  (x: seconds since start, y: linear)
 * @param title     shown above the plot
 * @param yTitle    y-axis title with its unit
 * @param series    the curves
 * @param dropAtSec where to draw the drop marker on a timeline, seconds since start; null for none
 */
record ChartSpec(String id, String kind, String title, String yTitle, List<Series> series, Double dropAtSec) {

    static final String PERCENTILES = "percentiles";
    static final String TIMELINE = "timeline";
    /** A timeline whose x axis counts seconds from the drop instant (runs compared side by side). */
    static final String TIMELINE_FROM_DROP = "timeline-from-drop";

    ChartSpec {
        series = List.copyOf(series);
    }

    /**
     * @param label  legend text
     * @param colour index into the page's colour-blind-safe palette
     * @param dashed second visual cue beside colour (client curves, comparison runs' ok-only curves)
     * @param points {@code [x, y]} pairs
     */
    record Series(String label, int colour, boolean dashed, List<double[]> points) {
        Series {
            points = List.copyOf(points);
        }
    }
}
