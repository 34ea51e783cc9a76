package io.dropnight.simulations.nights;

import io.dropnight.learn.night.LearnedNight;
import io.dropnight.learn.night.NightFileWriter;
import io.dropnight.learn.night.NightLearnerTest;
import io.dropnight.learn.night.SyntheticLog;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.watch.PlannedArrivals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What {@code learn night} writes is a night file NightReader reads, and the harness plans what the
 * learner said it would: the fitted night's planned arrivals (the learn page's curve and fit error)
 * and the measured night's (the log's own seconds), second for second at scale 1 and compression 1.
 * The learner restates the planning arithmetic (the jar holds no simulation); this holds the two together.
 */
class LearnedNightPlanTest {
    @TempDir
    Path dir;

    static Stream<Arguments> shapes() {
        long[] premiere = NightLearnerTest.premiere();
        long[] atTheDrop = Arrays.copyOfRange(premiere, 20, premiere.length);
        long[] late = new long[40];
        late[3] = 7;
        late[4] = 20;
        late[30] = 2;
        long[] longBefore = new long[400];
        Arrays.fill(longBefore, 0, 300, 1);
        longBefore[300] = 90;
        longBefore[310] = 40;
        return Stream.of(Arguments.of("premiere", -20, premiere), Arguments.of("from the drop", 0, atTheDrop),
                Arguments.of("after a quiet start", 0, late), Arguments.of("a long gathering", -300, longBefore),
                Arguments.of("before only", -12, new long[] {4, 0, 0, 9, 1, 1, 1, 1, 0, 0, 0, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theHarnessPlansWhatTheLearnerSaid(String shape, int from, long[] arrivals) throws Exception {
        SyntheticLog log = new SyntheticLog().arrivals(from, arrivals, 0);
        if (from + arrivals.length <= 0) {
            log.line(5, 1, "GET /v2/browse", 200); // the log goes on past the drop
        }
        Optional<java.time.Duration> before = Optional.empty();
        if (from >= 0 && arrivals[0] == 0) {
            log.line(-5, 1_000_000, "GET /v2/browse", 200); // a viewer from before the window, which opens at the drop
            before = Optional.of(java.time.Duration.ZERO);
        }
        LearnedNight n = NightLearnerTest.learn(NightLearnerTest.settings(log.write(dir.resolve("a.log")), "extra:1",
                before, Optional.empty(), OptionalLong.empty()));
        NightFile fitted = NightReader.parse("premiere.yml", NightFileWriter.fitted(n, "premiere-measured.yml", "premiere.html"));
        NightFile measured = NightReader.parse("premiere-measured.yml", NightFileWriter.measured(n, "premiere.yml", "premiere.html"));
        assertEquals("premiere", fitted.name());
        assertEquals("premiere-measured", measured.name());
        assertEquals(Optional.of(n.audience().logViewers()), fitted.audience());
        assertEquals(n.audience().logViewers(), measured.viewersAtScaleOne(), "the measured night brings the log's viewers");
        assertArrayEquals(n.fit().planned(), plannedOverTheWindow(fitted, n), "the fitted night, second by second");
        assertArrayEquals(n.arrivals(), plannedOverTheWindow(measured, n), "the measured night is the log's seconds");
        assertArrayEquals(n.fit().measuredPlanned(), n.arrivals());
    }

    @Test
    void anAudienceRescalesEveryCountAndTheNightBringsIt() throws Exception {
        Path log = new SyntheticLog().arrivals(-20, NightLearnerTest.premiere(), 0).write(dir.resolve("a.log"));
        LearnedNight n = NightLearnerTest.learn(NightLearnerTest.settings(log, "extra:1", Optional.empty(), Optional.empty(),
                OptionalLong.of(6_000_000)));
        NightFile measured = NightReader.parse("m.yml", NightFileWriter.measured(n, "f.yml", "p.html"));
        NightFile fitted = NightReader.parse("f.yml", NightFileWriter.fitted(n, "m.yml", "p.html"));
        assertEquals(Optional.of(6_000_000L), measured.audience());
        assertEquals(6_000_000, measured.viewersAtScaleOne(), 2);
        assertEquals(6_000_000, fitted.viewersAtScaleOne(), 6_000_000 * 0.02, "the fit keeps the viewers within its halvings' rounding");
    }

    /** The night's planned arrivals per second at scale 1 and compression 1, every population, over the learner's window. */
    private static long[] plannedOverTheWindow(NightFile night, LearnedNight n) {
        Properties props = new Properties();
        props.setProperty("scale", "1");
        props.setProperty("compression", "1");
        NightParameters p = NightParameters.fromProperties(props);
        NightPlan plan = night.plan(p.night(), p);
        assertEquals(n.dropSeconds(), plan.dropOffset().getSeconds());
        long[] window = new long[n.arrivals().length];
        for (Population population : plan.populations()) {
            long[] perSecond = PlannedArrivals.perSecond(population, (int) population.injectionDuration().getSeconds());
            for (int s = 0; s < perSecond.length; s++) {
                int i = n.nightStart() + s - n.windowFrom();
                if (i >= 0 && i < window.length) {
                    window[i] += perSecond[s];
                } else {
                    assertEquals(0, perSecond[s], "planned outside the window at night second " + s);
                }
            }
        }
        return window;
    }
}
