package io.dropnight.simulations;

import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

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

    static PopulationBuilder inject(ScenarioBuilder scenario, Population population) {
        if (population.closedModel()) {
            List<ClosedInjectionStep> steps = population.phases().stream().map(Injection::closed).toList();
            return scenario.injectClosed(steps);
        }
        List<OpenInjectionStep> steps = population.phases().stream().map(Injection::open).toList();
        return scenario.injectOpen(steps);
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
