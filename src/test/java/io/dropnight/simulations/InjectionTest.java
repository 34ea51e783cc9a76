package io.dropnight.simulations;

import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gatling truncates every injection duration to whole seconds; the nights plan in whole seconds,
 * so that what Gatling injects per phase is what was planned. Checked against Gatling's own
 * injection steps (their {@code chain} of arrival offsets), not against our arithmetic.
 */
class InjectionTest {

    static Stream<Arguments> nightsAtAwkwardCompressions() {
        return Night.values().stream().flatMap(night -> Stream.of("20", "37", "113", "200")
                .flatMap(compression -> Stream.of("0.1", "0.5").map(scale -> Arguments.of(night, compression, scale))));
    }

    @ParameterizedTest(name = "{0} compression {1} scale {2}")
    @MethodSource("nightsAtAwkwardCompressions")
    void plannedAndInjectedArrivalsAgreePerPhase(Night night, String compression, String scale) {
        Properties p = new Properties();
        p.setProperty("night", night.label());
        p.setProperty("compression", compression);
        p.setProperty("scale", scale);
        NightPlan plan = Nights.plan(NightParameters.fromProperties(p));
        assertEquals(0, plan.dropOffset().getNano(), "drop offset " + plan.dropOffset());
        for (Population population : plan.populations()) {
            if (population.closedModel()) {
                population.phases().forEach(ph -> assertEquals(0, ph.duration().getNano(), ph.toString()));
                continue;
            }
            for (Phase phase : population.phases()) {
                assertEquals(0, phase.duration().getNano(), phase + " is not whole seconds");
                var step = Injection.open(phase).asScala();
                assertEquals(phase.duration().toMillis(), step.duration().toMillis(), phase + ": Gatling's duration");
                long injected = 0;
                long lastOffsetMillis = 0;
                var arrivals = step.chain(scala.collection.Iterator$.MODULE$.empty());
                while (arrivals.hasNext()) {
                    lastOffsetMillis = arrivals.next().toMillis();
                    injected++;
                }
                assertEquals(phase.arrivals(), injected, phase + ": planned vs injected arrivals");
                assertTrue(lastOffsetMillis <= phase.duration().toMillis(), phase + ": last arrival at " + lastOffsetMillis + " ms");
                if (phase.kind() == Phase.Kind.RAMP && phase.users() > 1) {
                    // A ramp spreads its arrivals over its whole duration: a truncated one ends early.
                    long expectedLast = phase.duration().toMillis() * (phase.users() - 1) / phase.users();
                    assertTrue(lastOffsetMillis >= expectedLast - phase.duration().toMillis() / phase.users() - 100, phase + ": last arrival at " + lastOffsetMillis
                            + " ms, expected about " + expectedLast + " ms");
                }
            }
        }
    }

    /** A measured curve (a learned night's) reaches Gatling second by second: its steps inject each second's viewers in that second. */
    @Test
    void aMeasuredCurveIsInjectedSecondBySecond() {
        int[] curve = {3, 0, 0, 7, 120, 64, 31, 0, 15, 1};
        String yaml = "name: learned\ndrop: 4s\npopulations:\n  - { name: p, behaviour: play-now, arrivals: [ { perSecond: "
                + Arrays.toString(curve) + " } ] }\n";
        Properties asMeasured = new Properties();
        asMeasured.setProperty("scale", "1");
        asMeasured.setProperty("compression", "1");
        NightParameters p = NightParameters.fromProperties(asMeasured);
        Population population = io.dropnight.simulations.nights.NightReader.parse("learned.yml", yaml).plan(p.night(), p)
                .populations().get(0);
        int[] injected = new int[curve.length];
        long startMillis = 0;
        for (Phase phase : population.phases()) {
            var arrivals = Injection.open(phase).asScala().chain(scala.collection.Iterator$.MODULE$.empty());
            while (arrivals.hasNext()) {
                injected[(int) ((startMillis + arrivals.next().toMillis()) / 1000)]++;
            }
            startMillis += phase.duration().toMillis();
        }
        assertEquals(Arrays.toString(curve), Arrays.toString(injected), "viewers Gatling injects in each second");
        assertEquals(curve.length * 1000L, startMillis);
    }

    @Test
    void roundsToTheNearestWholeSecond() {
        assertEquals(Duration.ofSeconds(2), Phase.wholeSeconds(Duration.ofMillis(1900)));
        assertEquals(Duration.ofSeconds(1), Phase.wholeSeconds(Duration.ofMillis(1499)));
        assertEquals(Duration.ZERO, Phase.wholeSeconds(Duration.ofMillis(400)));
        assertEquals(Duration.ofSeconds(1), Phase.ramp("r", 10, Duration.ofMillis(400)).duration());
        assertEquals(Duration.ofSeconds(2), Phase.ramp("r", 10, Duration.ofMillis(1900)).duration());
    }
}
