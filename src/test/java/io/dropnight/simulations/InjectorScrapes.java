package io.dropnight.simulations;

import io.dropnight.simulations.live.InjectorCollector;
import io.dropnight.testing.PrometheusServer;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a real Prometheus stored of one injector's live metrics, read back as its raw samples (one a
 * scrape, every series of a scrape at the scrape's time): when the first scrape after the night's end
 * was taken ({@code dropnight_night_ended} 1 from then on), and every counter's value at that scrape.
 * Built only when the stored samples say the injector was scraped with the night's figures so far
 * while it ran, and again once they were final.
 *
 * @param instance  the scraped target ({@code host:port})
 * @param endedAt   the first scrape with the night ended, epoch seconds
 * @param requests  {@code dropnight_requests_total} at that scrape, by {@code <endpoint>/<outcome>}
 * @param liveTotal the requests of a scrape taken during the night: more than none, fewer than the night's
 */
record InjectorScrapes(String instance, double endedAt, Map<String, Long> requests, long liveTotal) {
    static final String REQUESTS_TOTAL = InjectorCollector.REQUESTS + "_total";

    /**
     * Reads {@code instance}'s samples of {@code job}; fails the test when Prometheus never scraped it
     * during the night, never after its end, or when a counter changed after the night had ended.
     */
    static InjectorScrapes read(PrometheusServer prometheus, String job, String instance) throws IOException, InterruptedException {
        String selector = "{job=\"" + job + "\",instance=\"" + instance + "\"}[1h]";
        List<PrometheusServer.Series> ended = prometheus.samples(InjectorCollector.ENDED + selector);
        assertEquals(1, ended.size(), () -> instance + ": one series of " + InjectorCollector.ENDED + ", got " + ended);
        List<PrometheusServer.Sample> endedSamples = ended.get(0).samples();
        double endedAt = endedSamples.stream().filter(s -> s.value() == 1).mapToDouble(PrometheusServer.Sample::time).min()
                .orElseThrow(() -> new AssertionError(instance + ": no scrape after the night ended: " + endedSamples));
        assertTrue(endedSamples.stream().allMatch(s -> s.time() < endedAt ? s.value() == 0 : s.value() == 1),
                () -> instance + ": " + InjectorCollector.ENDED + " went 0 then 1, once: " + endedSamples);

        Map<String, Long> atEnd = new TreeMap<>();
        Map<Double, Long> totalByScrape = new TreeMap<>();
        for (PrometheusServer.Series s : prometheus.samples(REQUESTS_TOTAL + selector)) {
            String key = s.labels().get("endpoint") + "/" + s.labels().get("outcome");
            for (PrometheusServer.Sample sample : s.samples()) {
                long value = whole(key, sample.value());
                totalByScrape.merge(sample.time(), value, Long::sum);
                if (sample.time() == endedAt) {
                    atEnd.put(key, value);
                } else if (sample.time() > endedAt && !atEnd.containsKey(key)) {
                    fail(instance + ": " + key + " first appeared after the night ended, at " + sample.time());
                } else if (sample.time() > endedAt) {
                    assertEquals(atEnd.get(key), value, () -> instance + ": " + key + " changed after the night ended");
                }
            }
        }
        assertFalse(atEnd.isEmpty(), () -> instance + ": no " + REQUESTS_TOTAL + " at the scrape after the night ended");
        long finalTotal = atEnd.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<Double> duringNight = new TreeSet<>();
        endedSamples.stream().filter(s -> s.value() == 0).forEach(s -> duringNight.add(s.time()));
        long live = duringNight.stream().mapToLong(t -> totalByScrape.getOrDefault(t, 0L))
                .filter(n -> n > 0 && n < finalTotal).max()
                .orElseThrow(() -> new AssertionError(instance + ": no scrape during the night saw some but not all of its "
                        + finalTotal + " requests; requests by scrape " + totalByScrape + ", night running at " + duringNight));
        return new InjectorScrapes(instance, endedAt, Collections.unmodifiableMap(atEnd), live);
    }

    /** {@code metric}'s one value at the scrape after the night ended (a counter of the night, such as viewers arrived). */
    long at(PrometheusServer prometheus, String job, String metric) throws IOException, InterruptedException {
        List<PrometheusServer.Series> series = prometheus.samples(metric + "{job=\"" + job + "\",instance=\"" + instance + "\"}[1h]");
        assertEquals(1, series.size(), () -> instance + ": one series of " + metric + ", got " + series);
        return series.get(0).samples().stream().filter(s -> s.time() == endedAt).mapToLong(s -> whole(metric, s.value()))
                .findFirst().orElseThrow(() -> new AssertionError(instance + ": no " + metric + " at " + endedAt));
    }

    /** A counter's value as a count: Prometheus stores doubles, and a count must come back whole. */
    static long whole(String what, double value) {
        if (value != Math.rint(value) || value < 0 || value > 1L << 53) {
            fail(what + " = " + value + " is not a count");
        }
        return (long) value;
    }
}
