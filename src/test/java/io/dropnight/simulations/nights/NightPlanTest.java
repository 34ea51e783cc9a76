package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.NightParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injection-profile arithmetic: users per phase for each night at scale 1 and 0.5, compression 20. */
class NightPlanTest {

    static NightParameters params(String night, double scale) {
        Properties p = new Properties();
        p.setProperty("night", night);
        p.setProperty("scale", Double.toString(scale));
        p.setProperty("compression", "20");
        return NightParameters.fromProperties(p);
    }

    @Test
    void finaleDropGathersWaitersThenStepsAtTheDropThenHalves() {
        NightPlan plan = Nights.plan(params("finale-drop", 0.5));
        assertEquals(Duration.ofSeconds(45), plan.dropOffset());
        Population waiting = plan.population("waiting");
        assertEquals(Journey.WAIT_FOR_DROP, waiting.journey());
        assertEquals(1_000, waiting.phase("gathering").users());
        assertEquals(Duration.ofSeconds(40), waiting.phase("gathering").duration());

        Population arrivals = plan.population("arrivals");
        assertEquals(Duration.ofSeconds(45), arrivals.phase("before-drop").duration());
        assertEquals(2_400, arrivals.phase("drop-step").users());
        assertEquals(Duration.ofSeconds(4), arrivals.phase("drop-step").duration());
        assertEquals(600.0, arrivals.phase("drop-step").meanRatePerSecond(), 1e-9);
        assertEquals(List.of(1_500, 750, 375, 187),
                arrivals.phases().stream().filter(p -> p.name().startsWith("tail")).map(Phase::users).toList());
        assertEquals(2_400 + 1_500 + 750 + 375 + 187, arrivals.totalArrivals());
        assertEquals(1_000 + 5_212, plan.totalArrivals());
        assertEquals(Duration.ofSeconds(45 + 4 + 40), plan.injectionDuration());
    }

    @Test
    void theDropStepOutpacesTheTailAndTheWaitingCrowdIsThereBeforeTheDrop() {
        NightPlan plan = Nights.plan(params("finale-drop", 1));
        Population arrivals = plan.population("arrivals");
        assertTrue(arrivals.phase("drop-step").meanRatePerSecond() >= 4 * arrivals.phase("tail-1").meanRatePerSecond());
        assertTrue(plan.population("waiting").injectionDuration().compareTo(plan.dropOffset()) < 0);
    }

    @Test
    void premiereDropIsLargerAndLongerThanTheFinale() {
        NightPlan premiere = Nights.plan(params("premiere-drop", 1));
        NightPlan finale = Nights.plan(params("finale-drop", 1));
        assertEquals(3_000 + 7_200 + 27_000 + 6_000 + 3_000 + 1_500, premiere.totalArrivals());
        assertEquals(Duration.ofSeconds(30), premiere.population("arrivals").phase("plateau").duration());
        assertEquals(2, premiere.population("arrivals").episodes());
        assertTrue(premiere.totalArrivals() > finale.totalArrivals());
        assertTrue(premiere.injectionDuration().compareTo(finale.injectionDuration()) > 0);
    }

    @Test
    void christmasVolumeClimbsToAPeakOfFiveHundredViewersPerSecondAtScaleOne() {
        NightPlan plan = Nights.plan(params("christmas-volume", 1));
        Population viewers = plan.population("viewers");
        assertEquals(List.of(4_000, 8_000, 20_000, 6_000), viewers.phases().stream().map(Phase::users).toList());
        assertEquals(500.0, viewers.phase("peak").meanRatePerSecond(), 1e-9);
        assertEquals(38_000, plan.totalArrivals());
        assertEquals(Duration.ofSeconds(100), plan.injectionDuration());
    }

    @Test
    void liveEventIsAClosedAudienceThatJoinsInOneCompressedMinuteAndStays() {
        NightPlan plan = Nights.plan(params("live-event", 0.5));
        Population audience = plan.population("audience");
        assertTrue(audience.closedModel());
        assertEquals(2_000, audience.peakConcurrency());
        assertEquals(Duration.ofSeconds(3), audience.phase("joining").duration());
        assertEquals(Duration.ofSeconds(90), audience.phase("watching").duration());
        assertEquals(Duration.ofSeconds(93), plan.eventLength());
        assertEquals(0, plan.totalArrivals());
        assertEquals(2_000, plan.peakConcurrentViewers());
        assertEquals(0, Nights.plan(params("finale-drop", 0.5)).peakConcurrentViewers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"finale-drop", "premiere-drop", "christmas-volume", "live-event"})
    void halvingTheScaleHalvesEveryPhase(String night) {
        NightPlan full = Nights.plan(params(night, 1));
        NightPlan half = Nights.plan(params(night, 0.5));
        for (int i = 0; i < full.populations().size(); i++) {
            List<Phase> a = full.populations().get(i).phases();
            List<Phase> b = half.populations().get(i).phases();
            for (int j = 0; j < a.size(); j++) {
                // Halving tails halve the scaled first segment, so a later segment may differ by one user.
                assertEquals(a.get(j).users() * 0.5, b.get(j).users(), 1.0, night + " " + a.get(j).name());
                assertEquals(a.get(j).duration(), b.get(j).duration());
            }
        }
    }

    @Test
    void anExplicitDropOffsetMovesTheStepAndTheGathering() {
        Properties p = new Properties();
        p.setProperty("dropOffset", "8s");
        NightPlan plan = Nights.plan(NightParameters.fromProperties(p));
        assertEquals(Duration.ofSeconds(8), plan.population("arrivals").phase("before-drop").duration());
        assertEquals(Duration.ofSeconds(4), plan.population("waiting").phase("gathering").duration());
        assertFalse(plan.population("waiting").closedModel());
    }

    @ParameterizedTest
    @ValueSource(strings = {"finale-drop", "premiere-drop", "christmas-volume"})
    void heavyCompressionNeverHandsGatlingASubSecondRamp(String night) {
        Properties p = new Properties();
        p.setProperty("night", night);
        p.setProperty("scale", "0.1");
        p.setProperty("compression", "200");
        NightPlan plan = Nights.plan(NightParameters.fromProperties(p));
        for (Population population : plan.populations()) {
            for (Phase phase : population.phases()) {
                if (phase.kind() == Phase.Kind.RAMP || phase.kind() == Phase.Kind.STRESS_PEAK) {
                    assertTrue(phase.duration().compareTo(Phase.MIN_RAMP) >= 0, phase.toString());
                }
            }
        }
    }
}
