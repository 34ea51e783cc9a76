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
 * it said passes half the time, 87) and 17:06 (5 probes; 8 re-runs at its half, 81), both on a
 * machine at load 5–14; 19:08 (3 probes, nothing else running; its answer, 93, and its half, 66,
 * re-run). The estimate,
 * read again from those figures, must expect what the re-runs did: each count of passes within the
 * range the plan's draws give with 90 % (docs/BENCHMARKS.md has the runs and their load). Their
 * slots are as the plans wrote them: until dfc658c, an odd slot count at scale 0.5 was served as
 * the next even one (the fixtures' {@code served}).
 */
class RealPlansReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RealPlansReplayTest.class.getResourceAsStream("/plan-replay/" + name)) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plan-1605.json", "plan-1706.json", "plan-1908.json"})
    void theReRunsPassedAsThePlansFiguresExpect(String name) throws IOException {
        JsonNode plan = fixture(name);
        CapacityEstimator estimator = new CapacityEstimator(0.95, 0.05, CurvePrior.DEFAULT, CapacityEstimator.DEFAULT_SEED);
        List<ProbeResult> probes = PlanJson.probes(plan);
        Axis axis = Axis.capacity(1, 4096);
        for (JsonNode r : plan.path("reruns")) {
            double slots = r.path("slots").asDouble();
            // as plan-check reads them: the capacity passing half the time from the draws it is read from
            PassDraws joint = ("half".equals(r.path("role").asText()) ? estimator.halfJoint(probes, axis) : estimator.joint(probes, axis))
                    .orElseThrow(() -> new AssertionError(name + ": no estimate"));
            List<Double> drawn = Arrays.stream(joint.passProbabilities(slots)).boxed().toList();
            PassRate rate = new PassRate(slots, "re-run", r.path("passed").asInt(), r.path("counted").asInt(),
                    joint.predict(slots, 0.95).expected(), Double.NaN, drawn);
            int[] range = rate.predictedPasses().orElseThrow();
            assertTrue(rate.asPredicted().orElseThrow(), String.format(Locale.ROOT, "%s: %s", name, rate.line()));
            // a range as wide as every count would say nothing
        }
    }

    /**
     * The quiet machine's plan (19:08): error pages 1.67 % at 64 slots, 0.30 % at 71, none at 79.
     * Its re-runs failed 6 of 6 at 66 slots (1.05–1.52 %) and passes were seen at 69–72. The
     * capacity passing half the time is read from the figures within 1.5-fold above the bound, so
     * the fail at 64 says "at least 1.5" and the line is not pulled early by the bend above it; read
     * with every figure within 4-fold, as before, it said 65.5.
     */
    @org.junit.jupiter.api.Test
    void theQuietPlansCoinTossIsReadFromTheFiguresNearTheBound() throws IOException {
        List<ProbeResult> probes = PlanJson.probes(fixture("plan-1908.json"));
        Axis axis = Axis.capacity(1, 4096);
        CapacityEstimator estimator = new CapacityEstimator(0.95, 0.05, CurvePrior.DEFAULT, CapacityEstimator.DEFAULT_SEED);
        CapacityEstimate e = estimator.estimate(probes, axis);
        double[] everyFigure = estimator.joint(probes, axis).orElseThrow().sortedLogCapacitiesAt(0.5);
        double before = Math.exp(PassDraws.quantile(everyFigure, 0.5));

        assertTrue(before < 66, "read from every figure within 4-fold: " + before);
        assertTrue(e.atHalf() > 66.5 && e.atHalf() < 69, "read near the bound: " + e.atHalf());
        assertTrue(e.answer() >= 90, "the answer keeps every figure: " + e.answer());
        // the coin toss to a tenth of a slot, the band in whole slots
        assertTrue(e.summary().contains(String.format(Locale.ROOT, "about half pass at %s slots; band %d–%s slots",
                PlanFormat.number(Math.round(e.atHalf() * 10) / 10.0), Math.round(e.atHalf()), PlanFormat.number(e.answer()))), e.summary());
        assertTrue(e.summary().matches(".*half pass at \\d+\\.\\d slots.*"), e.summary());
    }
}
