package io.dropnight.simulations;

import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.nights.Shares;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.Shard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Properties;

import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every injector's share of every night, down to shares of no one, is a profile Gatling accepts. */
class ShardedInjectionTest {

    @ParameterizedTest
    @MethodSource("io.dropnight.simulations.params.NightTestSupport#builtInNights")
    void everyShareOfATinyNightBuildsGatlingInjectionSteps(Night night) {
        Properties p = new Properties();
        p.setProperty("night", night.label());
        p.setProperty("scale", "0.001");
        NightPlan whole = Nights.plan(NightParameters.fromProperties(p));
        for (int i = 0; i < 16; i++) {
            NightPlan share = Shares.of(whole, new Shard(i, 16));
            for (Population population : share.populations()) {
                assertNotNull(Injection.inject(scenario(population.name()).exec(pause(1)), population, java.time.Duration.ZERO));
            }
        }
    }
}
