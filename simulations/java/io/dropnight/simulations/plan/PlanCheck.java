package io.dropnight.simulations.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.core.ServiceDefaults;
import io.dropnight.runfolder.AtomicFiles;
import io.dropnight.runfolder.JsonObjects;
import io.dropnight.runfolder.RunFileException;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * {@code scripts/plan-check.sh -Dcheck.plan=<plan folder> [-Dcheck.runs=10] [the plan's night flags]}:
 * proves a capacity plan by re-runs rather than by its own word (issue 25). Re-runs the night
 * {@code runs} times at the plan's answer and {@code runs} times one resolution step below it
 * (or at the capacities {@code -Dcheck.at} names, {@code half} among them: the whole slots either
 * side of where the estimate says a night passes half the time, {@link CoinToss}), alternating them
 * so that a machine growing busier weighs on all alike, each a {@link NightProbe} as the plan ran
 * them; prints one line per night and then each capacity's pass rate beside the probability the
 * plan predicted there, and whether the count of passes lies within what the plan's own uncertainty
 * allows ({@link PassRate}; the plan's estimate is read again from plan.json's probes for its
 * draws); writes check.json into {@code <plan>/check-<time>/}. Bounded in count
 * ({@code -Dcheck.runs}, at most 50 a capacity) and time ({@code -Dcheck.budget}, no night starts
 * that would end past it). Exit 2 on a bad flag (one line), 1 when a night could not be run, 0
 * otherwise.
 */
public final class PlanCheck {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getProperties(), Planner.testClasspath(), System.out, System.err, System::nanoTime));
    }

    /**
     * What is checked: one search of a plan, its capacities and what the plan said of them; and,
     * where the capacity passing half the time is asked for, where the plan said that lies.
     */
    record Target(String policy, double scale, List<PassRate> rates, Optional<CoinToss> coinToss) {
    }

    static int run(Properties props, String classpath, PrintStream out, PrintStream err, LongSupplier nanoClock) {
        CheckParameters check;
        NightInvocation night;
        Target target;
        try {
            check = CheckParameters.fromProperties(props);
            night = NightInvocation.fromProperties(NightProbe.withProbeDefaults(props));
            target = target(check, night.night());
        } catch (ParameterException e) {
            err.println("dropnight plan-check: " + e.getMessage());
            return Planner.EXIT_BAD_PARAMETER;
        }
        Path dir = check.planJson().toAbsolutePath().getParent().resolve("check-" + ID.format(Instant.now()));
        int slots = night.night().service().slots().orElse(ServiceDefaults.SLOTS);
        int queue = night.night().service().queueLimit().orElse(slots * ServiceDefaults.QUEUE_LIMIT / ServiceDefaults.SLOTS);
        NightProbe probe = new NightProbe(dir, night.withPolicy(target.policy()), PlanParameters.Mode.CAPACITY, target.scale(), slots,
                queue, true, Duration.ofMinutes(15), classpath, nanoClock);
        out.printf(Locale.ROOT, "dropnight plan-check: %d nights at %s slots%s; budget %s; folder %s%n", check.runs(),
                target.rates().stream().map(r -> PlanFormat.number(r.slots())).collect(java.util.stream.Collectors.joining(", ")),
                target.rates().size() > 1 ? " each, alternated" : "", PlanFormat.duration(check.budget()), dir);
        long start = nanoClock.getAsLong();
        Tally tally = tally(target.rates(), check.runs(), check.budget(), probe, nanoClock, out);
        List<PassRate> rates = tally.rates();
        String stopped = tally.stopped();
        for (PassRate r : rates) {
            out.println("dropnight plan-check: " + r.line());
        }
        bracket(target, rates).ifPresent(b -> out.println("dropnight plan-check: " + target.coinToss().orElseThrow().line(b[0], b[1])));
        if (!stopped.isEmpty()) {
            out.println("dropnight plan-check: " + stopped);
        }
        Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
        out.println("dropnight plan-check: " + PlanFormat.duration(elapsed) + " in all");
        try {
            AtomicFiles.write(dir.resolve("check.json"), JSON.writeValueAsString(json(check, target, tally, elapsed)) + "\n");
        } catch (IOException e) {
            err.println("dropnight plan-check: could not write " + dir.resolve("check.json") + ": " + e.getMessage());
            return Planner.EXIT_PROBE_ERROR;
        }
        return stopped.startsWith("stopped: ") ? Planner.EXIT_PROBE_ERROR : 0;
    }

    /**
     * What the re-runs said.
     *
     * @param rates    each capacity's pass rate, in the order given
     * @param verdicts each capacity's verdicts, in the order run
     * @param stopped  why the re-runs stopped before all had run (empty when none did)
     */
    record Tally(List<PassRate> rates, List<List<String>> verdicts, String stopped) {
    }

    /**
     * Runs {@code runs} nights at each of {@code rates}' capacities, alternated, until done, out of
     * {@code budget} (no night starts that would end past it, taking the longest so far as its
     * length), or a night could not be run; one line per night on {@code out}.
     */
    static Tally tally(List<PassRate> rates, int runs, Duration budget, PlanSearch.Probe probe, LongSupplier nanoClock,
                       PrintStream out) {
        List<PassRate> tallied = new ArrayList<>(rates);
        List<List<String>> verdicts = new ArrayList<>();
        rates.forEach(r -> verdicts.add(new ArrayList<>()));
        long start = nanoClock.getAsLong();
        long longest = 0;
        try {
            for (int n = 0; n < runs; n++) {
                for (int k = 0; k < tallied.size(); k++) {
                    Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
                    if (!ProbeBudget.roomForAnotherProbe(Optional.of(budget), elapsed, Duration.ofNanos(longest), true)) {
                        return new Tally(tallied, verdicts, String.format(Locale.ROOT, "out of time (budget %s; elapsed %s, a night"
                                + " takes up to %s)", PlanFormat.duration(budget), PlanFormat.duration(elapsed),
                                PlanFormat.duration(Duration.ofNanos(longest))));
                    }
                    PassRate r = tallied.get(k);
                    long before = nanoClock.getAsLong();
                    ProbeResult result = probe.run(r.slots());
                    longest = Math.max(longest, nanoClock.getAsLong() - before);
                    boolean counted = result.verdict() != RunVerdict.INCONCLUSIVE; // a night in doubt is no vote
                    boolean passed = result.verdict() == RunVerdict.PASS;
                    tallied.set(k, r.counting(counted, passed));
                    verdicts.get(k).add(result.verdict().jsonName());
                    out.printf(Locale.ROOT, "plan check %d: slots %s -> %s (%s); elapsed %s%n", tallied.size() * n + k + 1,
                            PlanFormat.number(r.slots()), result.verdict().name(), result.decidedBy(),
                            PlanFormat.duration(Duration.ofNanos(nanoClock.getAsLong() - start)));
                }
            }
        } catch (PlanSearch.ProbeException e) {
            return new Tally(tallied, verdicts, "stopped: " + e.getMessage());
        }
        return new Tally(tallied, verdicts, "");
    }

    /** The plan's search and its two capacities, refused in one line where the plan cannot be checked this way. */
    static Target target(CheckParameters check, NightParameters night) {
        JsonNode plan;
        try {
            plan = JsonObjects.read(check.planJson());
        } catch (RunFileException e) {
            throw new ParameterException(CheckParameters.PLAN, check.plan(), "cannot be read: " + e.getMessage());
        }
        if (!"capacity".equals(plan.path("mode").asText())) {
            throw new ParameterException(CheckParameters.PLAN, check.plan(), "is not a capacity plan: only a capacity answer is re-run");
        }
        if (night.target().isPresent()) {
            throw new ParameterException(NightParameters.TARGET, night.target().get(),
                    "a capacity answer is re-run on the embedded service: give the plan's night flags without -Dtarget");
        }
        if (!plan.path("night").asText().equals(night.night().label()) || plan.path("compression").asDouble() != night.compression()) {
            throw new ParameterException(CheckParameters.PLAN, check.plan(), String.format(Locale.ROOT, "was planned for night %s at"
                    + " compression %s, not %s at %s: give the plan's night flags", plan.path("night").asText(),
                    PlanFormat.number(plan.path("compression").asDouble()), night.night().label(), PlanFormat.number(night.compression())));
        }
        JsonNode s = plan.path("searches").path(check.search());
        if (!s.path("answer").isNumber()) {
            throw new ParameterException(CheckParameters.SEARCH, check.search(), "names no search of this plan with an answer");
        }
        JsonNode e = s.path("estimate");
        boolean estimated = e.path("supported").asBoolean();
        // each set of draws read once: the answer's, and the coin toss's where it is asked
        Optional<PassDraws> answers = estimated ? reread(plan, s, e, false) : Optional.empty();
        Optional<PassDraws> halves = estimated && check.at().contains("half") ? reread(plan, s, e, true) : Optional.empty();
        List<PassRate> rates = new ArrayList<>();
        Optional<CoinToss> coinToss = Optional.empty();
        for (String role : check.at()) {
            List<PassRate> said = switch (role) {
                case "answer" -> List.of(atAnswer(s, e, estimated));
                case "below" -> List.of(below(s, e, estimated));
                default -> {
                    coinToss = Optional.of(coinToss(check, e, estimated, halves));
                    yield coinToss.get().capacities();
                }
            };
            Optional<PassDraws> joint = "half".equals(role) ? halves : answers;
            for (PassRate r : said) {
                rates.add(joint.map(j -> drawn(r, j, plan.path("confidence").asDouble())).orElse(r));
            }
        }
        return new Target(s.path("policy").asText(), s.path("scale").asDouble(), List.copyOf(rates), coinToss);
    }

    /** The re-run whole slots below and above the half, {@code [below, above]}; empty where the half was not asked for or is whole. */
    static Optional<PassRate[]> bracket(Target target, List<PassRate> rates) {
        if (target.coinToss().isEmpty()) {
            return Optional.empty();
        }
        Optional<PassRate> below = rates.stream().filter(r -> CoinToss.BELOW.equals(r.role())).findFirst();
        Optional<PassRate> above = rates.stream().filter(r -> CoinToss.ABOVE.equals(r.role())).findFirst();
        return below.isPresent() && above.isPresent() ? Optional.of(new PassRate[] {below.get(), above.get()}) : Optional.empty();
    }

    /**
     * The plan's estimate read again from its probes' figures (the same confidence, resolution,
     * priors and seed), for its draws (for the capacity passing half the time, the draws it is read
     * from: {@link CapacityEstimator#halfJoint}): what it said of each capacity, and how sure it was. Empty
     * where this estimator no longer supports a fit from them (then the plan's own figures stand, with no range).
     */
    private static Optional<PassDraws> reread(JsonNode plan, JsonNode search, JsonNode estimate, boolean half) {
        double confidence = plan.path("confidence").asDouble();
        double resolution = plan.path("resolution").asDouble();
        if (!(confidence > 0.5 && confidence < 1 && resolution > 0 && resolution < 1)) {
            return Optional.empty();
        }
        CapacityEstimator estimator = new CapacityEstimator(confidence, resolution, CurvePrior.DEFAULT,
                estimate.path("seed").asLong(CapacityEstimator.DEFAULT_SEED));
        List<ProbeResult> probes = PlanJson.probes(search);
        Axis axis = Axis.capacity(1, Integer.MAX_VALUE);
        return half ? estimator.halfJoint(probes, axis) : estimator.joint(probes, axis);
    }

    /** What the re-read draws say of {@code said}'s capacity: their mean, the least with the confidence's certainty, and each. */
    private static PassRate drawn(PassRate said, PassDraws joint, double confidence) {
        CapacityEstimate.Prediction p = joint.predict(said.slots(), confidence);
        return new PassRate(said.slots(), said.role(), 0, 0, p.expected(), Double.isNaN(said.atLeast()) ? Double.NaN : p.atLeast(),
                java.util.Arrays.stream(joint.passProbabilities(said.slots())).boxed().toList());
    }

    private static PassRate atAnswer(JsonNode search, JsonNode e, boolean estimated) {
        double answer = search.path("answer").asDouble();
        return estimated ? new PassRate(answer, "answer", 0, 0, e.path("atAnswer").path("expected").asDouble(),
                e.path("atAnswer").path("atLeast").asDouble()) : new PassRate(answer, "answer", 0, 0, Double.NaN, Double.NaN);
    }

    /** An estimate's step below; for a votes' answer the closest value that failed (no probability was predicted). */
    private static PassRate below(JsonNode search, JsonNode e, boolean estimated) {
        if (estimated) {
            return new PassRate(e.path("stepBelow").path("slots").asDouble(), "one step below", 0, 0,
                    e.path("stepBelow").path("expected").asDouble(), e.path("stepBelow").path("atLeast").asDouble());
        }
        double answer = search.path("answer").asDouble();
        double step = search.path("band").path("low").isNumber() ? search.path("band").path("low").asDouble() : Math.max(1, answer - 1);
        return new PassRate(step, "one step below", 0, 0, Double.NaN, Double.NaN);
    }

    /**
     * The capacity the estimate says passes half the time, with the range of its draws' halves where
     * they can be read again ({@link CoinToss}: the whole slots either side of it are re-run).
     */
    private static CoinToss coinToss(CheckParameters check, JsonNode e, boolean estimated, Optional<PassDraws> halves) {
        if (!estimated || !e.path("atHalf").isNumber()) {
            throw new ParameterException(CheckParameters.AT, String.join(",", check.at()),
                    "half needs an estimate's capacity passing half the time, and this search was answered by its votes");
        }
        double said = e.path("atHalf").asDouble();
        return halves.map(h -> CoinToss.of(said, h)).orElse(new CoinToss(said, Double.NaN, Double.NaN));
    }


    /** check.json. */
    static ObjectNode json(CheckParameters check, Target target, Tally tally, Duration elapsed) {
        List<PassRate> rates = tally.rates();
        List<List<String>> verdicts = tally.verdicts();
        String stopped = tally.stopped();
        ObjectNode o = JSON.createObjectNode();
        o.put("plan", check.planJson().toAbsolutePath().toString()).put("policy", target.policy()).put("scale", target.scale())
                .put("runsEach", check.runs()).put("elapsedSeconds", Math.round(elapsed.toMillis() / 100.0) / 10.0);
        if (stopped.isEmpty()) {
            o.putNull("stopped");
        } else {
            o.put("stopped", stopped);
        }
        ArrayNode capacities = o.putArray("capacities");
        for (int k = 0; k < rates.size(); k++) {
            PassRate r = rates.get(k);
            ObjectNode c = capacities.addObject().put("slots", r.slots()).put("role", r.role()).put("passes", r.passes())
                    .put("runs", r.runs());
            double[] ci = r.interval();
            c.putArray("interval95").add(ci[0]).add(ci[1]);
            if (Double.isNaN(r.predicted())) {
                c.putNull("predicted").putNull("atLeast");
            } else {
                c.put("predicted", r.predicted());
                if (Double.isNaN(r.atLeast())) {
                    c.putNull("atLeast");
                } else {
                    c.put("atLeast", r.atLeast());
                }
            }
            Optional<int[]> range = r.predictedPasses();
            if (range.isPresent()) {
                c.putArray("predictedPasses").add(range.get()[0]).add(range.get()[1]);
                c.put("asPredicted", r.asPredicted().orElseThrow());
            } else {
                c.putNull("predictedPasses").putNull("asPredicted");
            }
            ArrayNode v = c.putArray("verdicts");
            verdicts.get(k).forEach(v::add);
        }
        Optional<PassRate[]> b = bracket(target, rates);
        if (b.isPresent()) {
            target.coinToss().orElseThrow().json(o.putObject("coinToss"), b.get()[0], b.get()[1]);
        } else {
            o.putNull("coinToss");
        }
        return o;
    }
}
