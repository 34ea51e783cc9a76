package io.dropnight.simulations;

import io.dropnight.simulations.client.ClientHistogramLog;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.client.PopulationFigures;
import io.dropnight.simulations.journey.ViewerBound;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.SloThresholds;
import io.dropnight.simulations.run.NightConsole;
import io.dropnight.simulations.slo.RestOfNight;
import io.dropnight.simulations.slo.SloLoss;
import io.dropnight.simulations.slo.SloWatch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A {@link NightRun}'s own records as {@link SloWatch} reads them each second: the night's
 * counters, client.hlog's totals (up to the last second taken) and each population's requests,
 * with the bounds of this injector's share of the plan ({@link RestOfNight}). Thread-safe: every
 * source is.
 */
final class NightSloFigures implements SloWatch.Figures {
    /**
     * Added to Gatling's max duration for the hard stop: its timer starts when its controller starts,
     * a moment after {@code before()} has taken the injection's start.
     */
    static final Duration HARD_STOP_SLACK = Duration.ofSeconds(10);

    private final List<RestOfNight.Part> parts;
    private final Duration wholeNight;
    private final LongSupplier injectionStartNanos;
    private final LongSupplier eventEndNanos;
    private final ClientMetrics metrics;
    private final ClientHistogramLog clientLog;
    private final Map<String, PopulationFigures> populations;
    private final SloThresholds thresholds;

    private NightSloFigures(List<RestOfNight.Part> parts, Duration wholeNight, LongSupplier injectionStartNanos,
                            LongSupplier eventEndNanos, ClientMetrics metrics, ClientHistogramLog clientLog,
                            Map<String, PopulationFigures> populations, SloThresholds thresholds) {
        this.parts = List.copyOf(parts);
        this.wholeNight = wholeNight;
        this.injectionStartNanos = injectionStartNanos;
        this.eventEndNanos = eventEndNanos;
        this.metrics = metrics;
        this.clientLog = clientLog;
        this.populations = populations;
        this.thresholds = thresholds;
    }

    /**
     * The night's SLO watch: watching under {@code -Dslo.abortOnFail=true}, off otherwise.
     *
     * @param maxDuration Gatling's max duration for the night, from the injection's start
     * @param populations the populations' figures by name, filled while Gatling builds the night (a synchronized map)
     */
    static SloWatch watch(PreparedNight night, Duration maxDuration, LongSupplier injectionStartNanos, LongSupplier eventEndNanos,
                          ClientMetrics metrics, ClientHistogramLog clientLog, Map<String, PopulationFigures> populations,
                          NightConsole console) {
        if (!night.invocation().live().abortOnFail()) {
            return SloWatch.off();
        }
        List<RestOfNight.Part> parts = night.plan().populations().stream()
                .map(p -> new RestOfNight.Part(p.name(), p.closedModel() ? OptionalLong.empty() : OptionalLong.of(p.totalArrivals()),
                        ViewerBound.of(night.profileOf(p), p, night.maxRefreshesOf(p))))
                .toList();
        if (night.plan().populations().stream().anyMatch(Population::closedModel)) {
            console.line("-Dslo.abortOnFail: a closed-model audience replaces its leavers, so no total of requests or intents"
                    + " bounds this night and no SLO can be judged lost: it runs to its end");
        }
        NightSloFigures figures = new NightSloFigures(parts, maxDuration.plus(HARD_STOP_SLACK), injectionStartNanos, eventEndNanos,
                metrics, clientLog, populations, night.parameters().slo());
        return SloWatch.watching(figures, night.parameters().slo(), System::nanoTime, console::line);
    }

    @Override
    public SloWatch.Reading read(Duration sinceStart) {
        // each population's requests before the night's counters: the bound then only errs upwards (RestOfNight)
        Map<String, Long> sent = new LinkedHashMap<>();
        synchronized (populations) {
            populations.forEach((name, f) -> sent.put(name, f.counts().requests()));
        }
        ClientMetrics.Counts c = metrics.counts();
        SloLoss.SoFar soFar = new SloLoss.SoFar(c.requests(), c.errorPages(), c.abandonments(), c.playbackStarts(),
                SloLoss.slowerThan(clientLog.totalPlaybackStartMicros(), thresholds.playbackStartP99Millis()),
                SloLoss.slowerThan(clientLog.totalTimeToPlayMicros(), thresholds.timeToPlayP95Millis()));
        long eventEnd = eventEndNanos.getAsLong();
        Duration eventLength = eventEnd == Long.MAX_VALUE ? wholeNight
                : Duration.ofNanos(Math.max(0, eventEnd - injectionStartNanos.getAsLong()));
        RestOfNight rest = new RestOfNight(parts, wholeNight, eventLength.compareTo(wholeNight) < 0 ? eventLength : wholeNight);
        return new SloWatch.Reading(soFar, rest.remaining(sinceStart, sent, c.abandonments() + c.playbackStarts()));
    }
}
