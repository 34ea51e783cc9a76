package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import io.dropnight.simulations.watch.PlannedArrivals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A measured curve ({@code perSecond: [...]}) is planned second by second, scaled and compressed without losing a viewer. */
class PerSecondArrivalTest {
    private static final String NIGHT = """
            name: learned
            drop: 4s
            populations:
              - { name: gathering, behaviour: play-now, arrivals: [ { perSecond: [2, 0, 0, 5] } ] }
              - { name: drop, behaviour: play-now, arrivals: [ { until: drop }, { perSecond: [40, 25, 12, 0, 6, 3] } ] }
            """;

    private static NightParameters params(String scale, String compression) {
        Properties p = new Properties();
        p.setProperty("scale", scale);
        p.setProperty("compression", compression);
        return NightParameters.fromProperties(p);
    }

    private static NightPlan plan(String yaml, String scale, String compression) {
        NightParameters p = params(scale, compression);
        return NightReader.parse("learned.yml", yaml).plan(p.night(), p);
    }

    private static long[] planned(Population p) {
        int seconds = (int) p.injectionDuration().getSeconds();
        return PlannedArrivals.perSecond(p, seconds);
    }

    @Test
    void atScaleOneEachSecondIsTheMeasuredOneAndEmptySecondsArePauses() {
        NightPlan plan = plan(NIGHT, "1", "1");
        Population gathering = plan.populations().get(0);
        assertEquals(List.of(new Phase("measured-1", Phase.Kind.RAMP, 2, Duration.ofSeconds(1)),
                new Phase("measured-2", Phase.Kind.NOTHING, 0, Duration.ofSeconds(2)),
                new Phase("measured-4", Phase.Kind.RAMP, 5, Duration.ofSeconds(1))), gathering.phases());
        assertArrayEquals(new long[] {2, 0, 0, 5}, planned(gathering));
        Population drop = plan.populations().get(1);
        assertEquals(Phase.Kind.NOTHING, drop.phases().get(0).kind(), "the curve after the drop waits for it");
        assertArrayEquals(new long[] {0, 0, 0, 0, 40, 25, 12, 0, 6, 3}, planned(drop));
        assertEquals(7 + 86, plan.totalArrivals());
        assertEquals(93, NightReader.parse("learned.yml", NIGHT).viewersAtScaleOne());
    }

    @ParameterizedTest(name = "scale {0}, compression {1}")
    @CsvSource({"0.5, 1", "0.01, 1", "1, 2", "0.3, 3", "2, 1.5", "1, 7"})
    void scaledAndCompressedTheTotalIsRoundedOnceAndNoViewerIsLost(String scale, String compression) {
        List<Integer> curve = IntStream.range(0, 120).map(i -> i < 20 ? 3 : (int) (400 * Math.pow(0.5, (i - 20) / 15.0))).boxed().toList();
        String yaml = "name: c\ndrop: 10s\npopulations:\n  - { name: p, behaviour: play-now, arrivals: [ { perSecond: "
                + curve + " } ] }\n";
        Population p = plan(yaml, scale, compression).populations().get(0);
        long total = curve.stream().mapToLong(Integer::longValue).sum();
        assertEquals(Math.max(1, Math.round(total * Double.parseDouble(scale))), p.totalArrivals());
        long seconds = Math.max(1, Math.round(120 / Double.parseDouble(compression)));
        assertEquals(Duration.ofSeconds(seconds), p.injectionDuration(), "the curve's 120 s, compressed, in whole seconds");
        assertTrue(p.phases().stream().allMatch(ph -> ph.duration().getNano() == 0), p.phases().toString());
        long[] perSecond = planned(p);
        // The shape is kept: each compressed second holds, within the rounding of one viewer, the
        // scaled viewers of the measured span it stands for (linear within a measured second).
        double scaled = (double) p.totalArrivals() / total;
        for (int k = 0; k < perSecond.length; k++) {
            double expected = scaled * (measuredUpTo(curve, 120.0 * (k + 1) / seconds) - measuredUpTo(curve, 120.0 * k / seconds));
            assertTrue(Math.abs(perSecond[k] - expected) <= 1.0, "second " + k + ": " + perSecond[k] + " planned, "
                    + expected + " expected; " + Arrays.toString(perSecond));
        }
    }

    /** Viewers the curve has brought by {@code t} seconds. */
    private static double measuredUpTo(List<Integer> curve, double t) {
        double sum = 0;
        for (int i = 0; i < curve.size() && i < t; i++) {
            sum += curve.get(i) * Math.min(1, t - i);
        }
        return sum;
    }

    @Test
    void aTinyScaleStillBringsOneViewerAndShardsShareTheCurve() {
        Population tiny = plan(NIGHT, "0.001", "1").populations().get(0);
        assertEquals(1, tiny.totalArrivals(), "every kind brings at least one viewer");
        NightPlan whole = plan(NIGHT, "1", "1");
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += Shares.of(whole, new Shard(i, 3)).totalArrivals();
        }
        assertEquals(whole.totalArrivals(), sum);
    }

    @Test
    void aBadCurveIsOneLineNamingTheKeyAndTheRule() {
        String prefix = "name: c\ndrop: 10s\npopulations:\n  - { name: p, behaviour: play-now, arrivals: [ ";
        assertEquals("night c.yml: populations[0] (p).arrivals[0].perSecond: '[]' must list the viewers arriving in each second,"
                + " 1 to 86400 whole numbers, such as [0, 3, 12, 40]", refused(prefix + "{ perSecond: [] } ] }"));
        assertEquals("night c.yml: populations[0] (p).arrivals[0].perSecond[1]: '-2' must be a whole number from 0 to 100000000",
                refused(prefix + "{ perSecond: [3, -2] } ] }"));
        assertEquals("night c.yml: populations[0] (p).arrivals[0].perSecond[0]: '1.5' must be a whole number from 0 to 100000000",
                refused(prefix + "{ perSecond: [1.5] } ] }"));
        assertEquals("night c.yml: populations[0] (p).arrivals[0].perSecond: '0 viewers' must bring from 1 to 100000000 viewers"
                + " in all (a quiet time is a pause)", refused(prefix + "{ perSecond: [0, 0] } ] }"));
        assertEquals("night c.yml: populations[0] (p).arrivals[0].over: '\"5s\"' unknown key (allowed here: [name, perSecond])",
                refused(prefix + "{ perSecond: [1], over: 5s } ] }"));
        String live = "name: c\ndrop: 10s\npopulations:\n  - { name: p, behaviour: live, arrivals: [ { perSecond: [3] } ] }\n";
        assertEquals("night c.yml: populations[0] (p).arrivals[0]: 'perSecond' a live audience is a concurrency: join and stay",
                refused(live));
        String longCurve = prefix + "{ perSecond: " + Arrays.toString(new int[86_401]).replace(" ", "") + " } ] }";
        String tooLong = refused(longCurve);
        assertTrue(tooLong.contains("perSecond: '[0,0,0") && tooLong.contains("...' must list") && tooLong.length() < 400, tooLong);
    }

    private static String refused(String yaml) {
        return assertThrows(NightFileException.class, () -> NightReader.parse("c.yml", yaml.endsWith("\n") ? yaml : yaml + "\n"))
                .getMessage();
    }
}
