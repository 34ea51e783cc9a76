package io.dropnight.report;

import io.dropnight.metrics.LagLog;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.AbstractHistogram;

/** Builds the {@link ChartSpec}s shared by the run and comparison pages. */
final class Charts {
    static final String LATENCY_AXIS = "latency (ms, log scale)";

    private Charts() {
    }

    /** A latency-distribution series, or nothing for an empty histogram. */
    static void addCurve(List<ChartSpec.Series> series, String label, int colour, boolean dashed,
                         AbstractHistogram micros) {
        if (micros.getTotalCount() > 0) {
            series.add(new ChartSpec.Series(label, colour, dashed, PercentileCurve.of(micros)));
        }
    }

    /** Server (all, ok) and client curves of one endpoint. */
    static ChartSpec endpoint(String id, String night, EndpointLatency e) {
        List<ChartSpec.Series> series = new ArrayList<>();
        addCurve(series, "server, all responses", 0, false, e.serverAll());
        addCurve(series, "server, ok only", 1, false, e.serverOk());
        addCurve(series, "client (load generator)", 2, true, e.client());
        return new ChartSpec(id, ChartSpec.PERCENTILES, night + " \u00b7 " + e.endpoint() + " latency by percentile",
                LATENCY_AXIS, series, null);
    }

    /** How late the service's loops ran, each second's worst and 99th percentile, with the drop marked. */
    static ChartSpec serviceLag(String id, List<LagLog.Sample> lag, long originMillis, OptionalDouble dropAtSec) {
        List<double[]> max = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (LagLog.Sample s : lag) {
            double sec = (s.epochMillis() - originMillis) / 1000.0;
            max.add(new double[] {sec, s.maxLagMs()});
            p99.add(new double[] {sec, s.p99LagMs()});
        }
        return new ChartSpec(id, ChartSpec.TIMELINE, "service \u00b7 how late its loops ran", "lag (ms)",
                List.of(new ChartSpec.Series("worst probe", 3, false, max), new ChartSpec.Series("p99 of probes", 0, true, p99)),
                drop(dropAtSec));
    }

    /**
     * One population's arrivals per second of the injection, planned (its share of the plan) against
     * started (viewers who began their journey), from run.json's {@code arrivalsPerSecond}.
     */
    static ChartSpec populationArrivals(String id, String population, com.fasterxml.jackson.databind.JsonNode arrivals) {
        List<double[]> planned = new ArrayList<>();
        List<double[]> started = new ArrayList<>();
        arrivals.path("planned").forEach(n -> planned.add(new double[] {planned.size(), n.asDouble()}));
        arrivals.path("started").forEach(n -> started.add(new double[] {started.size(), n.asDouble()}));
        return new ChartSpec(id, ChartSpec.TIMELINE, population + " \u00b7 arrivals per second from the injection's start",
                "viewers per second", List.of(new ChartSpec.Series("planned", 0, true, planned),
                        new ChartSpec.Series("started", 1, false, started)), null);
    }

    /** Offered, accepted and rejected requests per second, with the drop marked. */
    static ChartSpec load(String id, String night, LoadSeries load, OptionalDouble dropAtSec) {
        List<ChartSpec.Series> series = List.of(
                timeSeries("offered (all requests)", 0, false, load, LoadSeries.Point::offeredPerSec),
                timeSeries("accepted (ok)", 1, false, load, LoadSeries.Point::acceptedPerSec),
                timeSeries("rejected (shed)", 3, true, load, LoadSeries.Point::rejectedPerSec));
        return new ChartSpec(id, ChartSpec.TIMELINE, night + " \u00b7 load per second", "requests per second",
                series, drop(dropAtSec));
    }

    static ChartSpec errorPages(String id, String night, LoadSeries load, OptionalDouble dropAtSec) {
        List<ChartSpec.Series> series = List.of(
                timeSeries("error-page rate", 3, false, load, LoadSeries.Point::errorPagePercent));
        return new ChartSpec(id, ChartSpec.TIMELINE, night + " \u00b7 error pages per request",
                "error pages (% of requests)", series, drop(dropAtSec));
    }

    /**
     * Requests sent and answered per second as the client saw them, with the server's offered and
     * accepted load beside them where its log exists: the gap is what the network or the injector lost.
     */
    static ChartSpec clientLoad(String id, String night, ClientLoadSeries client, LoadSeries server, OptionalDouble dropAtSec) {
        List<ChartSpec.Series> series = new ArrayList<>();
        series.add(clientSeries("sent (client)", 0, true, client, ClientLoadSeries.Point::sentPerSec));
        series.add(clientSeries("answered ok (client)", 1, true, client, ClientLoadSeries.Point::answeredPerSec));
        if (!server.points().isEmpty()) {
            series.add(timeSeries("offered (server)", 0, false, server, LoadSeries.Point::offeredPerSec));
            series.add(timeSeries("accepted (server)", 1, false, server, LoadSeries.Point::acceptedPerSec));
        }
        return new ChartSpec(id, ChartSpec.TIMELINE, night + " \u00b7 requests sent and answered per second",
                "requests per second", series, drop(dropAtSec));
    }

    /** Error pages and failures (transport errors, timeouts, unexpected statuses) per second, client side. */
    static ChartSpec clientErrors(String id, String night, ClientLoadSeries client, LoadSeries server, OptionalDouble dropAtSec) {
        List<ChartSpec.Series> series = new ArrayList<>();
        series.add(clientSeries("error pages (client)", 3, true, client, ClientLoadSeries.Point::errorPagesPerSec));
        series.add(clientSeries("failures (client)", 4, true, client, ClientLoadSeries.Point::failuresPerSec));
        if (!server.points().isEmpty()) {
            series.add(timeSeries("error pages (server)", 3, false, server,
                    p -> p.offeredPerSec() * p.errorPagePercent() / 100.0));
        }
        return new ChartSpec(id, ChartSpec.TIMELINE, night + " \u00b7 error pages and failures per second",
                "per second", series, drop(dropAtSec));
    }

    static ChartSpec.Series clientSeries(String label, int colour, boolean dashed, ClientLoadSeries load,
                                         ToDoubleFunction<ClientLoadSeries.Point> y) {
        List<double[]> points = new ArrayList<>();
        for (ClientLoadSeries.Point p : load.points()) {
            points.add(new double[] {p.secondsSinceStart(), y.applyAsDouble(p)});
        }
        return new ChartSpec.Series(label, colour, dashed, points);
    }

    static ChartSpec.Series timeSeries(String label, int colour, boolean dashed, LoadSeries load,
                                       ToDoubleFunction<LoadSeries.Point> y) {
        List<double[]> points = new ArrayList<>();
        for (LoadSeries.Point p : load.points()) {
            points.add(new double[] {p.secondsSinceStart(), y.applyAsDouble(p)});
        }
        return new ChartSpec.Series(label, colour, dashed, points);
    }

    private static Double drop(OptionalDouble dropAtSec) {
        return dropAtSec.isPresent() ? dropAtSec.getAsDouble() : null;
    }
}
