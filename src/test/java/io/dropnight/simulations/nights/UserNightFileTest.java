package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A night of the user's own ({@code -Dnight=path/to/night.yml}): its name tags the run, its plan is its file's. */
class UserNightFileTest {
    static final String TWO_DEVICES = """
            name: my-premiere
            drop: 10m
            episode: nth-of-last-season
            populations:
              - name: tv
                behaviour: wait-for-drop
                heartbeats: { count: 2, every: 30s }
                arrivals:
                  - { gather: 1200 }
              - name: web
                behaviour: binge
                episodes: 3
                arrivals:
                  - { until: drop }
                  - { name: surge, peak: 3000, over: 60s }
                  - { ramp: 600, over: 5m }
                  - { pause: 2m }
                  - { tail: 400, halvings: 3, every: 100s }
            """;

    private static NightParameters params(String night, String scale, String compression) {
        Properties p = new Properties();
        p.setProperty("night", night);
        p.setProperty("scale", scale);
        p.setProperty("compression", compression);
        return NightParameters.fromProperties(p);
    }

    @Test
    void aUsersNightIsNamedByItsFileAndPlannedFromIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("my-premiere.yml"), TWO_DEVICES);
        NightParameters p = params(file.toString(), "0.5", "20");
        assertEquals("my-premiere", p.night().label());
        assertEquals(file.toString(), p.toProperties().get("night"), "the round trip gives the file back");
        Properties back = new Properties();
        back.putAll(p.toProperties());
        assertEquals(p, NightParameters.fromProperties(back));

        NightPlan plan = Nights.plan(p);
        assertEquals(Duration.ofSeconds(30), plan.dropOffset(), "10 m compressed 20-fold");
        assertEquals(List.of("my-premiere/tv", "my-premiere/web"), plan.populations().stream().map(Population::name).toList());
        Population tv = plan.populations().get(0);
        assertEquals(Journey.WAIT_FOR_DROP, tv.journey());
        assertEquals(List.of(new Phase("gathering", Phase.Kind.RAMP, 600, Duration.ofSeconds(25))), tv.phases());
        assertEquals(2, tv.heartbeats());
        assertEquals(Duration.ofMillis(1500), tv.heartbeatInterval());
        Population web = plan.populations().get(1);
        assertEquals(Journey.BINGE, web.journey());
        assertEquals(3, web.episodes());
        assertEquals(List.of(new Phase("before-drop", Phase.Kind.NOTHING, 0, Duration.ofSeconds(30)),
                new Phase("surge", Phase.Kind.STRESS_PEAK, 1500, Duration.ofSeconds(3)),
                new Phase("ramp", Phase.Kind.RAMP, 300, Duration.ofSeconds(15)),
                new Phase("pause", Phase.Kind.NOTHING, 0, Duration.ofSeconds(6)),
                new Phase("tail-1", Phase.Kind.RAMP, 200, Duration.ofSeconds(5)),
                new Phase("tail-2", Phase.Kind.RAMP, 100, Duration.ofSeconds(5)),
                new Phase("tail-3", Phase.Kind.RAMP, 50, Duration.ofSeconds(5))), web.phases());
        assertEquals(600 + 1500 + 300 + 350, plan.totalArrivals());
        assertEquals(EpisodeChoice.NTH_OF_LAST_SEASON, EpisodeChoice.forNight(p.night()));
    }

    @Test
    void theAudienceAtFullSizeAndTheRehearsalsScale(@TempDir Path dir) throws Exception {
        NightFile night = NightReader.parse("n.yml", TWO_DEVICES.replace("drop: 10m", "drop: 10m\naudience: 6000000"));
        assertEquals(java.util.Optional.of(6_000_000L), night.audience());
        assertEquals(1200 + 3000 + 600 + 700, night.viewersAtScaleOne(), "the tail's 400, 200 and 100 counted");
        assertEquals(0.5, night.scaleFor(2750), 1e-12);
        assertEquals(12_425, NightReader.builtIn("finale-drop").viewersAtScaleOne());
        assertEquals(4_000, NightReader.builtIn("live-event").viewersAtScaleOne(), "a live audience is its peak concurrency");
        NightFileException e = assertThrows(NightFileException.class,
                () -> NightReader.parse("n.yml", TWO_DEVICES.replace("drop: 10m", "drop: 10m\naudience: 0")));
        assertTrue(e.getMessage().contains("audience: '0' must be the real night's viewers"), e.getMessage());
    }

    @Test
    void aNightThatCannotBeReadIsOneLine(@TempDir Path dir) throws Exception {
        ParameterException missing = assertThrows(ParameterException.class, () -> Night.parse("night", dir.resolve("nope.yml").toString()));
        assertTrue(missing.getMessage().endsWith("the night file does not exist"), missing.getMessage());
        Path badName = Files.writeString(dir.resolve("n.yml"), TWO_DEVICES.replace("name: my-premiere", "name: My Premiere"));
        ParameterException named = assertThrows(ParameterException.class, () -> Night.parse("night", badName.toString()));
        assertTrue(named.getMessage().contains("the night file's name must be 1 to 40 lower-case letters"), named.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.yml"), TWO_DEVICES.replace("{ ramp: 600, over: 5m }", "{ ramp: 600, ovre: 5m }"));
        NightFileException e = assertThrows(NightFileException.class, () -> Nights.file(Night.parse("night", bad.toString())));
        assertEquals("night " + bad + ": populations[1] (web).arrivals[2].ovre: '\"5m\"' unknown key (allowed here: [name, ramp, over])",
                e.getMessage());
    }
}
