package io.dropnight.simulations.plan;

import io.dropnight.simulations.nights.NightFile;
import io.dropnight.simulations.nights.NightReader;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The planner projects its answer to the night file's audience unless -Daudience says another (issue 23). */
class NightAudienceProjectionTest {
    private static final NightFile NIGHT = NightReader.parse("n.yml", """
            name: n
            drop: 1m
            audience: 6000000
            populations:
              - { name: p, behaviour: play-now, arrivals: [ { ramp: 100, over: 10s } ] }
            """);

    private static PlanParameters plan(String... kv) {
        Properties p = new Properties();
        p.setProperty("plan", "capacity");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return PlanParameters.fromProperties(p, false).orElseThrow();
    }

    @Test
    void theNightFilesAudienceUnlessAFlagSaysAnother() {
        assertEquals(OptionalLong.of(6_000_000), Planner.projected(plan(), NIGHT).audience());
        PlanParameters flagged = plan("audience", "250000");
        assertSame(flagged, Planner.projected(flagged, NIGHT));
        PlanParameters none = plan();
        assertSame(none, Planner.projected(none, NightReader.builtIn("finale-drop")), "a night without an audience projects nowhere");
    }
}
