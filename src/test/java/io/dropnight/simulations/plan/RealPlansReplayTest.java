package io.dropnight.simulations.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real capacity plans of the default night (their probes' figures, as plan.json wrote them)
 * and the nights later re-run at their capacities by {@code scripts/plan-check.sh}: 16:05 on
 * 7 December 2026 (3 probes; re-run 13 times at its answer, 142 slots, 10 at 134, 10 at the capacity
 * it said passes half the time, 87) and 17:06 (5 probes; 8 re-runs at its half, 81). The estimate,
 * read again from those figures, must expect what the re-runs did: each count of passes within the
 * range the plan's draws give with 90 % (docs/BENCHMARKS.md has the runs and their load).
 */
class RealPlansReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RealPlansReplayTest.class.getResourceAsStream("/plan-replay/" + name)) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plan-1605.json", "plan-1706.json"})
    void theReRunsPassedAsThePlansFiguresExpect(String name) throws IOException {
        JsonNode plan = fixture(name);
        PassDraws joint = new CapacityEstimator(0.95, 0.05, CurvePrior.DEFAULT, CapacityEstimator.DEFAULT_SEED)
                .joint(PlanJson.probes(plan), Axis.capacity(1, 4096)).orElseThrow(() -> new AssertionError(name + ": no estimate"));
        for (JsonNode r : plan.path("reruns")) {
            double slots = r.path("slots").asDouble();
            List<Double> drawn = Arrays.stream(joint.passProbabilities(slots)).boxed().toList();
            PassRate rate = new PassRate(slots, "re-run", r.path("passed").asInt(), r.path("counted").asInt(),
                    joint.predict(slots, 0.95).expected(), Double.NaN, drawn);
            int[] range = rate.predictedPasses().orElseThrow();
            assertTrue(rate.asPredicted().orElseThrow(), String.format(Locale.ROOT, "%s: %s", name, rate.line()));
            // a range as wide as every count would say nothing
            System.out.println(name + ": " + rate.line());
        }
    }
}
