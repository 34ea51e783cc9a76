package io.dropnight.simulations;

import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;

/** Turns the nights' {@link Phase} data into Gatling injection steps: the one place they meet. */
final class Injection {
    private Injection() {
    }

    /**
     * @param early how much earlier than planned to inject a population that waits for the drop
     *              (its first phase is {@code NOTHING}): its viewers then wait that out themselves
     *              (see {@link io.dropnight.simulations.run.SurgeAlignment}); zero for the others
     */
    static PopulationBuilder inject(ScenarioBuilder scenario, Population population, Duration early) {
        if (population.closedModel()) {
            List<ClosedInjectionStep> steps = population.phases().stream().map(Injection::closed).toList();
            return scenario.injectClosed(steps);
        }
        List<OpenInjectionStep> steps = new ArrayList<>(population.phases().stream().map(Injection::open).toList());
        if (waitsForTheDrop(population) && !early.isZero()) {
            steps.set(0, nothingFor(population.phases().get(0).duration().minus(early)));
        }
        return scenario.injectOpen(steps);
    }

    /** A population whose first phase is a wait: the drop's surge. */
    static boolean waitsForTheDrop(Population population) {
        return !population.closedModel() && population.phases().get(0).kind() == Phase.Kind.NOTHING;
    }

    static OpenInjectionStep open(Phase p) {
        return switch (p.kind()) {
            case NOTHING -> nothingFor(p.duration());
            case RAMP -> rampUsers(p.users()).during(p.duration());
            case STRESS_PEAK -> stressPeakUsers(p.users()).during(p.duration());
            default -> throw new IllegalArgumentException(p.name() + ": " + p.kind() + " is a closed-model step");
        };
    }

    static ClosedInjectionStep closed(Phase p) {
        return switch (p.kind()) {
            case CONCURRENT_RAMP -> rampConcurrentUsers(0).to(p.users()).during(p.duration());
            case CONCURRENT_CONSTANT -> constantConcurrentUsers(p.users()).during(p.duration());
            default -> throw new IllegalArgumentException(p.name() + ": " + p.kind() + " is an open-model step");
        };
    }
}
