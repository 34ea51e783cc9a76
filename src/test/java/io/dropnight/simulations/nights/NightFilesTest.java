package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four built-in nights as files plan exactly what the Java nights plan (issue 23): every
 * population, phase by phase (kind, users, whole-second duration, name), the drop offset and the
 * live event's length, across scales, compressions and a moved drop.
 */
class NightFilesTest {
    /** What the Java nights planned before their files replaced them. */
    private static NightPlan javaPlan(NightParameters p) {
        return switch (p.night().label()) {
            case "finale-drop" -> FinaleDrop.plan(p);
            case "premiere-drop" -> PremiereDrop.plan(p);
            case "christmas-volume" -> ChristmasVolume.plan(p);
            case "live-event" -> LiveEvent.plan(p);
            default -> throw new IllegalArgumentException(p.night().label());
        };
    }

    private static NightParameters params(Night night, String scale, String compression, String dropOffset) {
        Properties p = new Properties();
        p.setProperty("night", night.label());
        p.setProperty("scale", scale);
        p.setProperty("compression", compression);
        if (!dropOffset.isEmpty()) {
            p.setProperty("dropOffset", dropOffset);
        }
        return NightParameters.fromProperties(p);
    }

    @ParameterizedTest(name = "{0} scale {1} compression {2} drop offset {3}")
    @CsvSource(delimiter = '|', textBlock = """
            finale-drop      | 1    | 20  | ''
            finale-drop      | 0.5  | 50  | ''
            finale-drop      | 0.05 | 100 | ''
            finale-drop      | 4    | 1   | ''
            finale-drop      | 0.75 | 30  | 45s
            finale-drop      | 0.01 | 200 | ''
            premiere-drop    | 1    | 20  | ''
            premiere-drop    | 0.3  | 60  | 12s
            premiere-drop    | 2    | 7   | ''
            christmas-volume | 1    | 20  | ''
            christmas-volume | 0.38 | 40  | ''
            christmas-volume | 3    | 13  | 5s
            live-event       | 1    | 20  | ''
            live-event       | 0.1  | 90  | ''
            live-event       | 2.5  | 3   | 30s
            """)
    void eachBuiltInFilePlansWhatItsJavaNightPlans(String label, String scale, String compression, String dropOffset) {
        Night night = Night.parse("night", label);
        NightParameters p = params(night, scale, compression, dropOffset);
        NightPlan java = javaPlan(p);
        NightPlan file = Nights.plan(p);
        assertEquals(java.dropOffset(), file.dropOffset());
        assertEquals(java.eventLength(), file.eventLength());
        assertEquals(java.populations().size(), file.populations().size());
        for (int i = 0; i < java.populations().size(); i++) {
            assertEquals(java.populations().get(i), file.populations().get(i), "population " + i);
        }
        assertEquals(java, file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown key        | 'drop: 15m'                        | 'drop: 15m\\nmood: tense'             | 'mood: ''"tense"'' unknown key'
            no drop               | 'drop: 15m'                        | '#drop: 15m'                           | 'drop: ''null'' is required: a duration'
            a bad behaviour       | 'behaviour: play-now'              | 'behaviour: play-later'                | '(arrivals).behaviour: ''play-later'' is not one of [binge, live, play-now, reserve, wait-for-drop]'
            two kinds at once     | '{ until: drop }'                  | '{ until: drop, pause: 5s }'           | '(arrivals).arrivals[0]: ''{"until":"drop","pause":"5s"}'' needs exactly one of'
            a ramp without time   | 'ramp: 4800, over: 80s'            | 'ramp: 4800'                           | '(arrivals).arrivals[1].over: ''(missing)'' is required here'
            no arrivals           | '    arrivals:\\n      - { gather: 2000 }' | '    arrivals: []'           | 'populations[0] (waiting).arrivals: ''[]'' must list when its viewers arrive'
            a negative ramp       | 'ramp: 4800'                       | 'ramp: -4800'                          | '(arrivals).arrivals[1].ramp: ''-4800'' must be a whole number from 1'
            a live ramp           | 'behaviour: play-now'              | 'behaviour: live'                      | '(arrivals).arrivals[1]: ''ramp'' a live audience is a concurrency'
            a name used twice     | 'name: arrivals'                   | 'name: waiting'                        | 'populations[1].name: ''waiting'' is used twice'
            until what            | 'until: drop'                      | 'until: dawn'                          | '.until: ''dawn'' is drop'
            tries for watchers    | 'name: arrivals'                   | 'name: arrivals\n    tries: 3'         | '(arrivals).tries: ''3'' is for viewers who reserve'
            """)
    void aBadNightFileIsOneLineNamingTheKeyTheValueAndTheRule(String what, String from, String to, String expected) throws Exception {
        String text;
        try (var in = getClass().getResourceAsStream("/nights/finale-drop.yml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String bad = text.replace(from.translateEscapes(), to.translateEscapes());
        assertTrue(!bad.equals(text), what + ": the replacement did not apply");
        NightFileException e = assertThrows(NightFileException.class, () -> NightReader.parse("my-night.yml", bad), what);
        assertTrue(e.getMessage().startsWith("night my-night.yml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void anAudienceOfNobodyIsRefused() {
        NightFileException e = assertThrows(NightFileException.class, () -> NightReader.parse("empty.yml", """
                name: empty
                drop: 1m
                populations:
                  - { name: nobody, behaviour: play-now, arrivals: [ { pause: 10s } ] }
                """));
        assertTrue(e.getMessage().contains("an audience of nobody"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too many tries        | 'tries: 3'                  | 'tries: 21'                      | '(signups).tries: ''21'' must be a whole number from 1 to 20'
            no tries at all       | 'tries: 3'                  | 'tries: 0'                       | '(signups).tries: ''0'' must be a whole number from 1 to 20'
            a reserving binge     | 'tries: 3'                  | 'tries: 3\n    episodes: 2'      | '(signups).episodes: ''2'' is for viewers who watch; a reserve viewer books seats'
            a reserving journey   | 'tries: 3'                  | 'tries: 3\n    journey: x.yml'   | '(signups).journey: ''"x.yml"'' is for viewers who watch'
            no audience           | 'audience: 1100000'         | '#audience: 1100000'             | 'audience: ''(missing)'' is required when viewers reserve'
            a live rush           | 'ramp: 8000, over: 2m'      | 'join: 8000, over: 2m'           | '(signups).arrivals[1]: ''join'' arriving viewers are counted as arrivals'
            """)
    void aBadCinemaRushIsOneLineNamingTheKeyTheValueAndTheRule(String what, String from, String to, String expected) throws Exception {
        String text;
        try (var in = getClass().getResourceAsStream("/nights/cinema-rush.yml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String bad = text.replace(from.translateEscapes(), to.translateEscapes());
        assertTrue(!bad.equals(text), what + ": the replacement did not apply");
        NightFileException e = assertThrows(NightFileException.class, () -> NightReader.parse("my-rush.yml", bad), what);
        assertTrue(e.getMessage().startsWith("night my-rush.yml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theCinemaRushIsEveryoneAtTheOpeningThenAShortTailOfReservingViewers() {
        NightFile rush = Nights.file(Night.CINEMA_RUSH);
        assertEquals(Optional.of(1_100_000L), rush.audience());
        NightFile.PopulationSpec signups = rush.populations().get(0);
        assertEquals(Journey.RESERVE, signups.behaviour());
        assertEquals(3, signups.tries());
        assertEquals(Optional.of(4), signups.givesUpAfter());
        assertEquals(8000 + 2000 + 1000 + 500, rush.viewersAtScaleOne());
        // at the default compression (20): nobody for 3 s, the step's 8,000 in 6 s, then the tail's 3,500 over 18 s
        NightPlan plan = Nights.plan(params(Night.CINEMA_RUSH, "1", "20", ""));
        List<Phase> phases = plan.populations().get(0).phases();
        assertEquals(Duration.ofSeconds(3), plan.dropOffset());
        assertEquals(8000, phases.get(1).arrivals());
        assertEquals(Duration.ofSeconds(6), phases.get(1).duration());
        assertTrue(phases.get(1).arrivals() >= 4 * phases.get(2).arrivals(), "a steep step, then a tail: " + phases);
    }
}
