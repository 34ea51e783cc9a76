package io.dropnight.simulations.plan;

import io.dropnight.core.ServiceDefaults;

import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.runfolder.RunFiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropnight.runfolder.RunPages;
import io.dropnight.simulations.nights.NightFile;
import io.dropnight.simulations.nights.NightFileException;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.params.NightParameters;
import io.dropnight.simulations.params.ParameterException;
import io.dropnight.simulations.service.ServiceClasspath;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * {@code scripts/plan.sh -Dplan=capacity|breakpoint ...}: answers a capacity or breakpoint
 * question with real nights (see README, "Plan capacity"). Validates every flag first (one line
 * and exit 2 on a bad one), then runs one {@link PlanSearch} per policy and scale, each probe a
 * {@link NightProbe}, printing one line per probe; writes plan.json and plan.html into
 * {@code reports/plan-<time>-<mode>/} after every search, and rewrites {@code reports/index.html},
 * which lists the plan, so a plan stopped half-way keeps what it found.
 */
public final class Planner {
    /** Exit status for a bad flag, as a night's. */
    public static final int EXIT_BAD_PARAMETER = 2;
    /** Exit status when a probe could not be run. */
    public static final int EXIT_PROBE_ERROR = 1;

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Planner() {
    }

    public static void main(String[] args) {
        int status = run(System.getProperties(), testClasspath(), System.out, System.err, System::nanoTime);
        System.exit(status);
    }

    /**
     * Runs a plan.
     *
     * @param props     the flags ({@code -D...})
     * @param classpath what each probe's JVM runs with
     * @return 0 when every search ended with an outcome, {@link #EXIT_BAD_PARAMETER} on a bad flag,
     *         {@link #EXIT_PROBE_ERROR} when a probe could not be run
     */
    public static int run(Properties props, String classpath, PrintStream out, PrintStream err, LongSupplier nanoClock) {
        NightInvocation invocation;
        NightParameters night;
        PlanParameters plan;
        try {
            invocation = NightInvocation.fromProperties(NightProbe.withProbeDefaults(props));
            night = invocation.night();
            plan = PlanParameters.fromProperties(props, night.target().isPresent())
                    .orElseThrow(() -> new ParameterException(PlanParameters.PLAN, "(not set)", "must be capacity or breakpoint"));
            // The night file answers what the flags leave open: the scale a -Drehearsal asks for, and
            // the full-size audience the answer is projected to.
            NightFile nightFile = Nights.file(night.night());
            java.util.OptionalLong rehearsal = NightParameters.rehearsalFromProperties(props);
            if (rehearsal.isPresent()) {
                invocation = invocation.withScale(nightFile.scaleFor(rehearsal.getAsLong()));
                night = invocation.night();
            }
            PlanParameters asked = plan;
            plan = projected(plan, nightFile);
            if (plan != asked) {
                out.printf(Locale.ROOT, "dropnight plan: projecting to the night file's audience, %,d viewers (-Daudience overrides)%n",
                        plan.audience().getAsLong());
            }
        } catch (ParameterException e) {
            err.println("dropnight plan: " + e.getMessage());
            return EXIT_BAD_PARAMETER;
        } catch (NightFileException e) {
            err.println("dropnight plan: " + e.getMessage());
            return EXIT_BAD_PARAMETER;
        }
        Instant started = Instant.now();
        long startNanos = nanoClock.getAsLong();
        Path planDir = night.reportsDir().resolve(RunFiles.PLAN_PREFIX + ID.format(started) + "-" + plan.mode().label()).toAbsolutePath();
        List<String> policies = plan.policies().isEmpty() ? List.of(night.service().policy()) : plan.policies();
        List<Double> scales = plan.scales().isEmpty() ? List.of(night.scale()) : plan.scales();
        int slots = night.service().slots().orElse(ServiceDefaults.SLOTS);
        // the service's default ratio, 256 per 64 slots
        int queue = night.service().queueLimit().orElse(slots * ServiceDefaults.QUEUE_LIMIT / ServiceDefaults.SLOTS);
        List<PlanEntry> entries = new ArrayList<>();
        int status = 0;
        try {
            Files.createDirectories(planDir);
            out.println("dropnight plan: " + plan.mode().label() + " for " + night.night().label() + ", resolution "
                    + PlanFormat.number(plan.resolution() * 100) + " %, budget "
                    + plan.budget().map(PlanFormat::duration).orElse("none") + " per search"
                    + (plan.mode() == PlanParameters.Mode.CAPACITY ? ", confidence " + CapacityEstimate.percent(plan.confidence()) : "")
                    + ", policies " + String.join(",", policies) + ", scales "
                    + scales.stream().map(PlanFormat::number).reduce((a, b) -> a + "," + b).orElse("") + "; folder " + planDir);
            for (String policy : policies) {
                for (double scale : scales) {
                    PlanEntry entry = search(invocation, plan, classpath, planDir, policy, scale, slots, queue, out, nanoClock);
                    entries.add(entry);
                    out.println("dropnight plan: policy " + policy + ", scale " + PlanFormat.number(scale) + ": "
                            + entry.result().outcomeLabel() + ": " + entry.result().summary());
                    if (entry.result().outcome() == PlanResult.Outcome.ERROR) {
                        status = EXIT_PROBE_ERROR;
                    }
                    writeFiles(planDir, plan, night, started, Duration.ofNanos(nanoClock.getAsLong() - startNanos), entries, err);
                }
            }
            ObjectNode json = writeFiles(planDir, plan, night, started, Duration.ofNanos(nanoClock.getAsLong() - startNanos), entries, err);
            printAnswers(out, json);
            out.println("dropnight plan: " + planDir.resolve(RunFiles.PLAN_PAGE));
        } catch (IOException e) {
            err.println("dropnight plan: could not write " + planDir + ": " + e.getMessage());
            return EXIT_PROBE_ERROR;
        }
        return status;
    }

    /** The plan projected to the night file's audience when {@code -Daudience} does not say another; else {@code plan}. */
    static PlanParameters projected(PlanParameters plan, NightFile night) {
        return plan.audience().isEmpty() && night.audience().isPresent() ? plan.withAudience(night.audience().get()) : plan;
    }

    private static PlanEntry search(NightInvocation night, PlanParameters plan, String classpath, Path planDir,
                                    String policy, double scale, int slots, int queue, PrintStream out, LongSupplier nanoClock) {
        NightInvocation invocation = night.withPolicy(policy);
        boolean capacity = plan.mode() == PlanParameters.Mode.CAPACITY;
        Path dir = planDir.resolve("probes").resolve(policy + "-scale-" + PlanFormat.number(scale));
        NightProbe probe = new NightProbe(dir, invocation, plan.mode(), scale, slots, queue, night.night().target().isEmpty(),
                Duration.ofMinutes(15), classpath, nanoClock);
        Axis axis = capacity ? Axis.capacity(1, plan.maxSlots())
                : Axis.audience(Math.max(0.01, 0.001 / scale), Math.min(plan.maxAudience(), 100 / scale));
        double start = capacity ? Math.min(slots, plan.maxSlots()) : 1;
        String prefix = severalSearches(plan) ? "[" + policy + ", scale " + PlanFormat.number(scale) + "] " : "";
        // a capacity answer comes from its probes' figures where they support a fit (CapacityEstimator)
        Optional<CapacityEstimator> estimator = capacity ? Optional.of(new CapacityEstimator(plan.confidence(), plan.resolution(),
                CurvePrior.DEFAULT, CapacityEstimator.DEFAULT_SEED)) : Optional.empty();
        PlanResult result = new PlanSearch(axis, start, plan.resolution(), probe, line -> out.println(prefix + line), nanoClock,
                plan.budget(), estimator).run();
        Map<Path, ProbeFigures> figures = new HashMap<>();
        result.probes().forEach(p -> p.runFolder().ifPresent(run -> figures.put(run, ProbeFigures.of(run))));
        return new PlanEntry(policy, scale, slots, result, figures);
    }

    private static boolean severalSearches(PlanParameters plan) {
        return plan.policies().size() > 1 || plan.scales().size() > 1;
    }


    private static ObjectNode writeFiles(Path planDir, PlanParameters plan, NightParameters night, Instant started, Duration elapsed,
                                         List<PlanEntry> entries, PrintStream err) throws IOException {
        return writeFiles(planDir, new PlanJson.Header(plan.mode(), night.night().label(), night.compression(),
                plan.resolution(), plan.budget(), plan.audience(), started, elapsed,
                plan.mode() == PlanParameters.Mode.CAPACITY ? plan.confidence() : Double.NaN), entries, err);
    }

    /**
     * Writes plan.json and plan.html, then rewrites the reports folder's index.html, which lists the
     * plan. An index that cannot be rewritten is one line on {@code err}; the plan itself stands.
     *
     * @throws IOException when plan.json or plan.html cannot be written
     */
    static ObjectNode writeFiles(Path planDir, PlanJson.Header header, List<PlanEntry> entries, PrintStream err) throws IOException {
        ObjectNode json = PlanJson.of(header, entries, planDir);
        PlanJson.write(planDir.resolve(RunFiles.PLAN_JSON), json);
        PlanPage.write(planDir.resolve(RunFiles.PLAN_PAGE), json);
        Path reports = planDir.toAbsolutePath().getParent();
        try {
            RunPages.load().index(reports);
        } catch (IOException e) {
            err.println("dropnight plan: could not rewrite " + reports.resolve("index.html") + ": " + e.getMessage());
        }
        return json;
    }

    private static void printAnswers(PrintStream out, ObjectNode json) {
        String compression = PlanFormat.number(json.path("compression").asDouble());
        json.path("searches").forEach(s -> {
            var e = s.path("estimate");
            if (e.path("supported").asBoolean(false)) {
                var below = e.path("stepBelow");
                out.printf(Locale.ROOT, "dropnight plan: policy %s, scale %s: answer %s slots, passing %s of nights or more (said with"
                                + " %s certainty; best estimate %s); half pass at %s slots; band %s–%s slots; one step below, %s slots:"
                                + " %s expected%n", s.path("policy").asText(), PlanFormat.number(s.path("scale").asDouble()),
                        PlanFormat.number(e.path("answer").asDouble()), CapacityEstimate.percent(e.path("confidence").asDouble()),
                        CapacityEstimate.percent(e.path("confidence").asDouble()),
                        CapacityEstimate.percent(e.path("atAnswer").path("expected").asDouble()),
                        PlanFormat.tenth(e.path("atHalf").asDouble()),
                        PlanFormat.number(Math.round(e.path("atHalf").asDouble())),
                        PlanFormat.number(e.path("answer").asDouble()), PlanFormat.number(below.path("slots").asDouble()),
                        CapacityEstimate.percent(below.path("expected").asDouble()));
            }
            var per = s.path("perThousandViewers");
            if (per.path("slots").isNumber()) {
                out.printf(Locale.ROOT, "dropnight plan: policy %s, scale %s: %.3f slots per 1,000 viewers at the drop%s%n",
                        s.path("policy").asText(), PlanFormat.number(s.path("scale").asDouble()), per.path("slots").asDouble(),
                        per.path("requestsPerSecondAtPeak").isNumber() ? String.format(Locale.ROOT, ", %.1f requests/s at the peak per 1,000",
                                per.path("requestsPerSecondAtPeak").asDouble()) : "");
            }
            var p = s.path("projection");
            if (p.isObject()) {
                out.printf(Locale.ROOT, "dropnight plan: %,d viewers need about %,.0f slots%s%n", p.path("audience").asLong(),
                        p.path("slots").asDouble(), p.path("requestsPerSecondAtPeak").isNumber()
                                ? String.format(Locale.ROOT, " (≈ %,.0f requests/s at the drop, as rehearsed at compression %s)",
                                p.path("requestsPerSecondAtPeak").asDouble(), compression) : "");
            }
        });
        json.path("scaleCheck").forEach(c -> out.printf(Locale.ROOT,
                "dropnight plan: policy %s: %.3f slots per 1,000 at scale %s vs %.3f at scale %s: ratio %.2f%n",
                c.path("policy").asText(), c.path("slotsPerThousandAtSmall").asDouble(), PlanFormat.number(c.path("smallScale").asDouble()),
                c.path("slotsPerThousandAtLarge").asDouble(), PlanFormat.number(c.path("largeScale").asDouble()), c.path("ratio").asDouble()));
    }

    /** This JVM's classpath, manifest-only jars (surefire's) expanded, for the probes' JVMs. */
    public static String testClasspath() {
        String raw = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        try {
            for (String e : raw.split(File.pathSeparator)) {
                List<String> expanded = ServiceClasspath.manifestClassPath(e);
                out.addAll(expanded.isEmpty() ? List.of(e) : expanded);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not read the classpath: " + e.getMessage(), e);
        }
        return String.join(File.pathSeparator, out);
    }
}
