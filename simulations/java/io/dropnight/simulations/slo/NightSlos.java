package io.dropnight.simulations.slo;

import io.dropnight.runfolder.SloEvaluation;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.journey.Journeys;
import io.dropnight.simulations.journey.ReservationCalls;
import io.dropnight.simulations.journey.Steps;
import io.dropnight.simulations.params.SloThresholds;
import io.gatling.javaapi.core.Assertion;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Objects;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * The SLOs every night is held to, twice: as Gatling assertions (which fail the build) and as
 * exact values from the client-side histograms and counters (slo.json, slo-junit.xml).
 *
 * <p>The two views measure the same things with two caveats, stated in the reports: Gatling's
 * percentiles are a t-digest estimate, and Gatling's failed-request share counts every failure
 * (timeouts included), so it bounds the error-page rate from above.
 */
public final class NightSlos {
    public static final String PLAYBACK_START_P99 = SloEvaluation.PLAYBACK_START_P99;
    public static final String TIME_TO_PLAY_P95 = SloEvaluation.TIME_TO_PLAY_P95;
    public static final String ERROR_PAGE_RATE = SloEvaluation.ERROR_PAGE_RATE;
    public static final String ABANDONMENT = SloEvaluation.ABANDONMENT;

    private final String night;
    private final SloThresholds thresholds;
    /** Whether the viewers' goal is a booking (a cinema rush) rather than a stream. */
    private final boolean booking;

    /** The viewer's stream starts fast once the request gets through. */
    public final Assertion playbackStartP99;
    /** Arriving to watching, refreshes included. */
    public final Assertion timeToPlayP95;
    /** Failed requests (error pages, and any timeouts) stay rare. */
    public final Assertion errorPageRate;
    /** Almost nobody gives up. */
    public final Assertion abandonment;

    public NightSlos(String night, SloThresholds thresholds) {
        this(night, thresholds, false);
    }

    /**
     * @param booking whether the viewers' goal is a booking (a cinema rush): then the goal's request is the
     *                confirm ({@link ReservationCalls#CONFIRM}), counted where a stream start is, and time to
     *                play is time to book; the SLOs keep their names and bounds, their metrics say what they measure
     */
    public NightSlos(String night, SloThresholds thresholds, boolean booking) {
        this.night = Objects.requireNonNull(night, "night");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.booking = booking;
        playbackStartP99 = details(Journeys.TIME_TO_PLAY, booking ? ReservationCalls.CONFIRM : Steps.PLAYBACK_START)
                .responseTime().percentile(99.0)
                .lte((int) thresholds.playbackStartP99Millis());
        timeToPlayP95 = details(Journeys.TIME_TO_PLAY).responseTime().percentile(95.0)
                .lte((int) thresholds.timeToPlayP95Millis());
        errorPageRate = global().failedRequests().percent().lte(thresholds.errorPageRatePercent());
        abandonment = details(Journeys.PLAYBACK_OUTCOME).failedRequests().percent().lte(thresholds.abandonmentPercent());
    }

    public List<Assertion> assertions() {
        return List.of(playbackStartP99, timeToPlayP95, errorPageRate, abandonment);
    }

    /**
     * Evaluates the SLOs exactly on the client-side data, with the service's one evaluation
     * ({@link SloEvaluation}, which {@code merge-runs} also uses on merged histograms).
     *
     * @param playbackStartMicros successful playback-start latencies, microseconds
     * @param timeToPlayMicros    times to play, microseconds
     */
    public List<SloResult> evaluate(Histogram playbackStartMicros, Histogram timeToPlayMicros, ClientMetrics.Counts counts) {
        SloEvaluation.Thresholds t = new SloEvaluation.Thresholds(thresholds.playbackStartP99Millis(),
                thresholds.timeToPlayP95Millis(), thresholds.errorPageRatePercent(), thresholds.abandonmentPercent());
        SloEvaluation.Counts c = new SloEvaluation.Counts(counts.requests(), counts.errorPages(), counts.abandonments(),
                counts.playbackStarts());
        List<SloResult> results = SloEvaluation.evaluate(night, t, playbackStartMicros, timeToPlayMicros, c);
        return booking ? results.stream().map(NightSlos::asBooking).toList() : results;
    }

    /** A goal SLO's metric in a rush's words: the confirm that booked, the time to book. */
    private static SloResult asBooking(SloResult r) {
        String metric = r.metric().replace("/" + Steps.PLAYBACK_START + " ", "/" + ReservationCalls.CONFIRM + " (booked) ")
                .replace("/" + Journeys.TIME_TO_PLAY + " ", "/time-to-book ")
                .replace(" viewers who gave up", " viewers who gave up on errors (not those turned away by sold-out screenings)");
        return new SloResult(r.name(), metric, r.comparator(), r.threshold(), r.actual(), r.unit(), r.passed());
    }
}
