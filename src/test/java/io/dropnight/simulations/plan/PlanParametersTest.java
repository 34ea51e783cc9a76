package io.dropnight.simulations.plan;

import io.dropnight.simulations.params.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planner's flags: defaults, and one clear line for each bad value. */
class PlanParametersTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void noPlanWithoutDashDPlan() {
        assertTrue(PlanParameters.fromProperties(props("audience", "5000000"), false).isEmpty());
    }

    @Test
    void defaultsToFivePerCentAndTheNightsOwnPolicyAndScale() {
        PlanParameters p = PlanParameters.fromProperties(props("plan", "capacity"), false).orElseThrow();
        assertEquals(PlanParameters.Mode.CAPACITY, p.mode());
        assertEquals(0.05, p.resolution());
        assertTrue(p.audience().isEmpty());
        assertTrue(p.policies().isEmpty());
        assertTrue(p.scales().isEmpty());
        assertEquals(4096, p.maxSlots());
        assertEquals(Optional.of(Duration.ofMinutes(6)), p.budget(), "a capacity answer from the estimate in 6 minutes");
        assertEquals(0.95, p.confidence());
    }

    @Test
    void aBreakpointAnsweredByVotesKeepsTwelveMinutesByDefault() {
        assertEquals(Optional.of(Duration.ofMinutes(12)), PlanParameters.fromProperties(props("plan", "breakpoint"), false)
                .orElseThrow().budget());
        assertEquals(Optional.of(Duration.ofMinutes(12)), PlanParameters.fromProperties(props("plan", "capacity", "plan.budget",
                "12m"), false).orElseThrow().budget());
    }

    @Test
    void readsTheConfidenceOfACapacityAnswer() {
        assertEquals(0.9, PlanParameters.fromProperties(props("plan", "capacity", "plan.confidence", "0.9"), false).orElseThrow()
                .confidence());
    }

    @Test
    void aConfidenceIsACapacityQuestion() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> PlanParameters.fromProperties(props("plan", "breakpoint", "plan.confidence", "0.9"), false));
        assertEquals("plan.confidence = 0.9: is the probability a capacity answer passes with: use it with -Dplan=capacity",
                e.getMessage());
    }

    @Test
    void readsATimeBudgetOrNone() {
        assertEquals(Optional.of(Duration.ofMinutes(90)),
                PlanParameters.fromProperties(props("plan", "capacity", "plan.budget", "90m"), false).orElseThrow().budget());
        assertEquals(Optional.of(Duration.ofMinutes(2)),
                PlanParameters.fromProperties(props("plan", "capacity", "plan.budget", "PT2M"), false).orElseThrow().budget());
        assertTrue(PlanParameters.fromProperties(props("plan", "capacity", "plan.budget", "None"), false).orElseThrow().budget().isEmpty());
    }

    @Test
    void readsPoliciesScalesAndAudience() {
        PlanParameters p = PlanParameters.fromProperties(props("plan", "Capacity", "policies", "fixed, adaptive,priority",
                "plan.scales", "0.25,1", "audience", "5_000_000", "plan.resolution", "0.1"), false).orElseThrow();
        assertEquals(List.of("fixed", "adaptive", "priority"), p.policies());
        assertEquals(List.of(0.25, 1.0), p.scales());
        assertEquals(5_000_000L, p.audience().getAsLong());
        assertEquals(0.1, p.resolution());
    }

    @Test
    void aBreakpointAgainstAnExternalTargetIsFine() {
        assertFalse(PlanParameters.fromProperties(props("plan", "breakpoint"), true).isEmpty());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "plan|foo|plan = foo: must be capacity or breakpoint",
        "plan.resolution|0|plan.resolution = 0: must be a fraction above 0 and at most 0.5, such as 0.05 (5 %)",
        "plan.resolution|0.9|plan.resolution = 0.9: must be a fraction above 0 and at most 0.5, such as 0.05 (5 %)",
        "plan.resolution|5%|plan.resolution = 5%: must be a number such as 0.05",
        "audience|-5|audience = -5: must be a whole number of viewers, at least 1",
        "audience|lots|audience = lots: must be a whole number of viewers, at least 1, such as 5000000",
        "policies|fixed,yolo|policies = fixed,yolo: must be a comma-separated list of distinct policies among none, fixed, adaptive, priority",
        "policies|fixed,fixed|policies = fixed,fixed: must be a comma-separated list of distinct policies among none, fixed, adaptive, priority",
        "plan.scales|0.25,0|plan.scales = 0.25,0: must be a comma-separated list of distinct scales from 0.001 to 100, such as 0.25,1",
        "plan.maxSlots|0|plan.maxSlots = 0: must be a whole number from 1 to 100000",
        "plan.budget|30s|plan.budget = 30s: must be a duration from 1m to 24h, such as 12m or 90m, or none",
        "plan.budget|0.5m|plan.budget = 0.5m: must be a duration from 1m to 24h, such as 12m or 90m, or none",
        "plan.budget|2d|plan.budget = 2d: must be a duration from 1m to 24h, such as 12m or 90m, or none",
        "plan.budget|soon|plan.budget = soon: must be a duration from 1m to 24h, such as 12m or 90m, or none",
        "plan.confidence|0.5|plan.confidence = 0.5: must be a probability above 0.5 and below 1, such as 0.95",
        "plan.confidence|1|plan.confidence = 1: must be a probability above 0.5 and below 1, such as 0.95",
        "plan.confidence|95%|plan.confidence = 95%: must be a probability above 0.5 and below 1, such as 0.95",
    })
    void badValuesStopWithOneLineNamingPropertyValueAndRule(String key, String value, String message) {
        Properties p = props("plan", "capacity", key, value);
        ParameterException e = assertThrows(ParameterException.class, () -> PlanParameters.fromProperties(p, false));
        assertEquals(message, e.getMessage());
        assertEquals(key, e.property());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aCapacityPlanAgainstAnExternalTargetStopsWithOneLine() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> PlanParameters.fromProperties(props("plan", "capacity"), true));
        assertEquals("plan = capacity: needs the embedded service (the harness cannot change an external target's capacity):"
                + " use -Dplan=breakpoint with -Dtarget", e.getMessage());
    }

    @Test
    void twoScalesAreACapacityQuestion() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> PlanParameters.fromProperties(props("plan", "breakpoint", "plan.scales", "0.25,1"), false));
        assertEquals("plan.scales = 0.25,1: compares the capacity answered at two scales: use it with -Dplan=capacity", e.getMessage());
    }

    @Test
    void comparingPoliciesIsACapacityQuestion() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> PlanParameters.fromProperties(props("plan", "breakpoint", "policies", "fixed,adaptive"), true));
        assertTrue(e.getMessage().startsWith("policies = fixed,adaptive: compares policies"), e.getMessage());
    }
}
