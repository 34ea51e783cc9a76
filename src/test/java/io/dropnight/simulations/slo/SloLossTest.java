package io.dropnight.simulations.slo;

import io.dropnight.runfolder.SloEvaluation;
import io.dropnight.simulations.params.SloThresholds;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An SLO is lost only when no rest of the night could bring it back within its bound. */
class SloLossTest {
    private static final SloThresholds DEFAULTS = new SloThresholds(800, 3000, 1, 0.5);

    private static List<String> lines(SloLoss.SoFar f, SloLoss.Remaining r, SloThresholds t) {
        return SloLoss.lost(f, r, t).stream().map(SloLoss.Lost::line).toList();
    }

    @Test
    void errorPagesAreLostOnlyWhenEveryRequestStillPossibleCouldNotDiluteThem() {
        // 101 error pages: over 1 % of 10,000 requests at most, lost.
        assertEquals(List.of("errorPageRate: 101 error pages already exceed 1 % of the 10,000 requests the night can send at most"),
                lines(new SloLoss.SoFar(2_000, 101, 0, 500, 0, 0), SloLoss.Remaining.atMost(8_000, 100), DEFAULTS));
        // 100 of 10,000 at most is exactly the bound: it could still pass.
        assertEquals(List.of(), lines(new SloLoss.SoFar(2_000, 100, 0, 500, 0, 0), SloLoss.Remaining.atMost(8_000, 100), DEFAULTS));
        // A 50 % rate so far is not lost while the rest of the night could dilute it.
        assertEquals(List.of(), lines(new SloLoss.SoFar(100, 50, 0, 10, 0, 0), SloLoss.Remaining.atMost(10_000, 100), DEFAULTS));
    }

    @Test
    void givingUpAndLatencyPercentilesHaveTheirOwnBounds() {
        List<String> lost = lines(new SloLoss.SoFar(5_000, 0, 6, 900, 11, 51), SloLoss.Remaining.atMost(0, 100), DEFAULTS);
        assertEquals(3, lost.size(), lost.toString());
        assertTrue(lost.get(0).startsWith("abandonment: 6 viewers who gave up already exceed 0.5 % of the 1,006 intents"), lost.get(0));
        assertTrue(lost.get(1).startsWith("playbackStartP99: 11 playback starts over 800 ms already exceed 1 % of the 1,000"), lost.get(1));
        assertTrue(lost.get(2).startsWith("timeToPlayP95: 51 times to play over 3,000 ms already exceed 5 % of the 1,000"), lost.get(2));
        // One fewer of each is still within reach.
        assertEquals(List.of(), lines(new SloLoss.SoFar(5_000, 0, 5, 900, 10, 50), SloLoss.Remaining.atMost(0, 106), DEFAULTS));
    }

    /** Exactly on the bound is never lost, whatever binary rounding of 0.01 or of the threshold would say. */
    @ParameterizedTest
    @CsvSource({
            // percent, part, whole: part is exactly percent % of whole
            "0.1, 3, 3000",
            "0.3, 3, 1000",
            "0.7, 7, 1000",
            "1.1, 11, 1000",
            "2.3, 23, 1000",
    })
    void aRateExactlyOnItsBoundIsNotLost(double percent, long part, long whole) {
        SloThresholds t = new SloThresholds(800, 3000, percent, percent);
        assertEquals(List.of(), lines(new SloLoss.SoFar(whole, part, 0, 0, 0, 0), SloLoss.Remaining.atMost(0, 10), t));
        assertEquals(List.of(), lines(new SloLoss.SoFar(whole, 0, part, whole - part, 0, 0), SloLoss.Remaining.atMost(0, 0), t));
        assertEquals(List.of(SloEvaluation.ERROR_PAGE_RATE),
                SloLoss.lost(new SloLoss.SoFar(whole, part + 1, 0, 0, 0, 0), SloLoss.Remaining.atMost(0, 10), t).stream()
                        .map(SloLoss.Lost::slo).toList());
    }

    @Test
    void anUnknownBoundNeverStopsTheSlosThatNeedIt() {
        SloLoss.SoFar dreadful = new SloLoss.SoFar(1_000, 900, 500, 10, 10, 10);
        assertEquals(List.of(), SloLoss.lost(dreadful, SloLoss.Remaining.UNKNOWN, DEFAULTS));
        // requests unknown (a journey that polls without pause), intents known: the others are judged
        assertEquals(List.of(SloEvaluation.ABANDONMENT, SloEvaluation.PLAYBACK_START_P99, SloEvaluation.TIME_TO_PLAY_P95),
                SloLoss.lost(dreadful, new SloLoss.Remaining(OptionalLong.empty(), OptionalLong.of(0)), DEFAULTS).stream()
                        .map(SloLoss.Lost::slo).toList());
        assertEquals(List.of(SloEvaluation.ERROR_PAGE_RATE),
                SloLoss.lost(dreadful, new SloLoss.Remaining(OptionalLong.of(0), OptionalLong.empty()), DEFAULTS).stream()
                        .map(SloLoss.Lost::slo).toList());
    }

    @Test
    void aPercentileWithNoValueStillPossibleIsLostAsNoSample() {
        // every intent ended in giving up: no stream can start, so both percentiles read "no sample"
        List<SloLoss.Lost> lost = SloLoss.lost(new SloLoss.SoFar(10, 0, 3, 0, 0, 0), SloLoss.Remaining.atMost(0, 0),
                new SloThresholds(800, 3000, 1, 100));
        assertEquals(List.of(SloEvaluation.PLAYBACK_START_P99, SloEvaluation.TIME_TO_PLAY_P95), lost.stream().map(SloLoss.Lost::slo).toList());
        assertTrue(lost.get(0).why().contains("no sample"), lost.toString());
    }

    @Test
    void aNightThatHasSentNothingHasLostNothing() {
        assertEquals(List.of(), SloLoss.lost(new SloLoss.SoFar(0, 0, 0, 0, 0, 0), SloLoss.Remaining.atMost(0, 5), DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> SloLoss.Remaining.atMost(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SloLoss.SoFar(0, -1, 0, 0, 0, 0));
    }

    /** Slow values are counted as the SLO's percentile reads them: by each bucket's highest equivalent value. */
    @Test
    void slowValuesAreCountedAsThePercentileReadsThem() {
        Histogram micros = new Histogram(3_600_000_000L, 3);
        micros.recordValueWithCount(100_000, 97);   // 100 ms
        micros.recordValueWithCount(800_000, 2);    // 800 ms: its bucket's highest equivalent value is 800.255 ms
        micros.recordValue(900_000);                // 900 ms
        assertEquals(3, SloLoss.slowerThan(micros, 800));
        assertEquals(1, SloLoss.slowerThan(micros, 801));
        assertEquals(0, SloLoss.slowerThan(micros, 901));
        // the evaluation agrees: 3 of 100 over 800 ms, so p99 and p97.5 read over it, p97 does not
        assertTrue(SloEvaluation.millis(micros, 99.0) > 800);
        assertEquals(100.0, SloEvaluation.millis(micros, 97.0), 0.1);
    }
}
