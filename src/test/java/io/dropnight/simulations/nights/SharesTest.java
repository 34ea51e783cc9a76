package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every night split over N = 1..16 injectors adds up to the unsharded plan, phase by phase. */
class SharesTest {

    /** A user's night of two populations (issue 23), beside the built-in ones. */
    private static final String USER_NIGHT;

    static {
        try {
            Path file = java.nio.file.Files.createTempFile("two-devices", ".yml");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, UserNightFileTest.TWO_DEVICES);
            USER_NIGHT = file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> nightsScalesAndInjectorCounts() {
        List<Arguments> all = new ArrayList<>();
        List<String> nights = new ArrayList<>(Night.values().stream().map(Night::label).toList());
        nights.add(USER_NIGHT);
        for (String night : nights) {
            for (double scale : new double[] {1, 0.5, 0.013, 0.001}) {
                for (int n = 1; n <= 16; n++) {
                    all.add(Arguments.of(night, scale, n));
                }
            }
        }
        return all.stream();
    }

    static NightPlan whole(String night, double scale) {
        Properties p = new Properties();
        p.setProperty("night", night);
        p.setProperty("scale", Double.toString(scale));
        p.setProperty("compression", "20");
        return Nights.plan(NightParameters.fromProperties(p));
    }

    static List<NightPlan> shares(NightPlan whole, int n) {
        return IntStream.range(0, n).mapToObj(i -> Shares.of(whole, new Shard(i, n))).toList();
    }

    @ParameterizedTest(name = "{0} scale {1} over {2} injectors")
    @MethodSource("nightsScalesAndInjectorCounts")
    void theSharesOfEveryPhaseAddUpToTheUnshardedPlanOnTheSameTimeline(String night, double scale, int n) {
        NightPlan whole = whole(night, scale);
        List<NightPlan> shares = shares(whole, n);
        for (NightPlan share : shares) {
            assertEquals(whole.dropOffset(), share.dropOffset());
            assertEquals(whole.eventLength(), share.eventLength());
            assertEquals(whole.injectionDuration(), share.injectionDuration());
            assertEquals(whole.populations().size(), share.populations().size());
        }
        for (int p = 0; p < whole.populations().size(); p++) {
            Population population = whole.populations().get(p);
            for (int ph = 0; ph < population.phases().size(); ph++) {
                Phase phase = population.phases().get(ph);
                int sum = 0;
                for (NightPlan share : shares) {
                    Population sp = share.populations().get(p);
                    Phase mine = sp.phases().get(ph);
                    String where = night + " " + population.name() + " " + phase.name() + " injector of " + n;
                    assertEquals(population.name(), sp.name(), where);
                    assertEquals(phase.name(), mine.name(), where);
                    assertEquals(phase.duration(), mine.duration(), where);
                    assertEquals(phase.kind().closed(), mine.kind().closed(), where);
                    assertTrue(mine.kind() == phase.kind() || mine.users() == 0 && mine.kind() == Phase.Kind.NOTHING, where);
                    sum += mine.users();
                }
                assertEquals(phase.users(), sum, night + " " + phase.name() + " over " + n);
            }
        }
        assertEquals(whole.totalArrivals(), shares.stream().mapToInt(NightPlan::totalArrivals).sum());
        assertEquals(whole.peakConcurrentViewers(), shares.stream().mapToInt(NightPlan::peakConcurrentViewers).sum());
    }

    @ParameterizedTest(name = "{0} scale {1} over {2} injectors")
    @MethodSource("nightsScalesAndInjectorCounts")
    void injectorsCarryTheNightWithinOneViewerOfEachOther(String night, double scale, int n) {
        int[] arrivals = shares(whole(night, scale), n).stream().mapToInt(NightPlan::totalArrivals).toArray();
        int spread = Arrays.stream(arrivals).max().orElseThrow() - Arrays.stream(arrivals).min().orElseThrow();
        assertTrue(spread <= 1, night + " arrivals per injector " + Arrays.toString(arrivals));
    }

    @Test
    void oneInjectorRunsTheWholeNightUnchanged() {
        for (Night night : Night.values()) {
            NightPlan whole = whole(night.label(), 0.5);
            assertSame(whole, Shares.of(whole, Shard.WHOLE));
            assertEquals(whole, Shares.of(whole, new Shard(0, 1)));
        }
    }

    @Test
    void theSameInjectorAlwaysGetsTheSameShare() {
        NightPlan whole = whole("premiere-drop", 0.37);
        for (int i = 0; i < 7; i++) {
            assertEquals(Shares.of(whole, new Shard(i, 7)), Shares.of(whole("premiere-drop", 0.37), new Shard(i, 7)));
        }
    }

    @Test
    void aLiveAudienceIsDealtAsALevelThatEachInjectorHoldsAfterItsRamp() {
        NightPlan whole = whole("live-event", 0.5); // 2,000 concurrent viewers
        List<NightPlan> shares = shares(whole, 3);
        List<Integer> levels = shares.stream().map(s -> s.population("audience").phase("watching").users()).toList();
        assertEquals(List.of(667, 667, 666), levels);
        for (NightPlan s : shares) {
            Population audience = s.population("audience");
            assertEquals(audience.phase("joining").users(), audience.phase("watching").users());
        }
    }

    @Test
    void theFinaleDropStepOfTwoThousandFourHundredSplitsOverSevenInjectorsWithoutLosingAViewer() {
        NightPlan whole = whole("finale-drop", 0.5);
        List<Integer> step = shares(whole, 7).stream()
                .map(s -> s.population("arrivals").phase("drop-step").users()).toList();
        // 2,400 = 7 x 342 + 6: the waiting crowd (1,000 = 7 x 142 + 6) took the first six remainders,
        // so the step's six extra viewers go to injectors 6, 0, 1, 2, 3, 4.
        assertEquals(List.of(343, 343, 343, 343, 343, 342, 343), step);
        assertEquals(2_400, step.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void anInjectorLeftWithNobodyInARampPausesForTheSameTime() {
        NightPlan whole = whole("finale-drop", 0.001); // 2 waiting, 5 in the step, then 3, 1, 1, 1
        NightPlan last = Shares.of(whole, new Shard(15, 16));
        Phase step = last.population("arrivals").phase("drop-step");
        assertEquals(Phase.Kind.NOTHING, step.kind());
        assertEquals(whole.population("arrivals").phase("drop-step").duration(), step.duration());
    }

    @Test
    void anInjectorThatWouldRunNoViewerAtAllIsRefusedBeforeAnyLoad() {
        NightPlan tiny = whole("live-event", 0.001); // 4 concurrent viewers
        assertEquals(1, Shares.withViewers(tiny, new Shard(3, 16)).peakConcurrentViewers());
        io.dropnight.simulations.params.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.dropnight.simulations.params.ParameterException.class, () -> Shares.withViewers(tiny, new Shard(15, 16)));
        assertEquals("injectors = 16: injector 15 would run no viewer (the night has 0 arrivals and 4 concurrent viewers);"
                + " use fewer injectors or a larger -Dscale", e.getMessage());
    }
}
