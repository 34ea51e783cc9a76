package io.dropnight.simulations.plan;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;
import io.dropnight.simulations.params.ParameterException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The planner's own flags, read in this one place and validated before any night runs; the night's
 * flags ({@code -Dnight}, {@code -Dscale}, {@code -Dpolicy}, ...) stay in
 * {@link io.dropnight.simulations.params.NightParameters}. A bad value is a
 * {@link ParameterException}: one line naming the property, the value and the rule. Immutable.
 *
 * @param mode       {@code -Dplan}: capacity or breakpoint
 * @param resolution {@code -Dplan.resolution}: bisection stops when the answer is known within
 *                   this fraction (default 0.05, that is 5 %)
 * @param audience   {@code -Daudience}: full-size viewers at the drop to project the answer to
 * @param policies   {@code -Dpolicies}: policies to answer for and compare (capacity only); empty:
 *                   the night's own {@code -Dpolicy}
 * @param scales     {@code -Dplan.scales}: rehearsal scales to answer at (capacity only), such as
 *                   0.25,1; empty: the night's own {@code -Dscale}
 * @param maxSlots   {@code -Dplan.maxSlots}: the most full-size slots a capacity search tries
 * @param maxAudience {@code -Dplan.maxAudience}: the largest audience multiplier a breakpoint search tries
 * @param budget     {@code -Dplan.budget}: the longest one search may take once a value has passed
 *                   (default 6 minutes for a capacity plan, 12 for a breakpoint; {@code none}: no bound), see {@link PlanSearch}
 * @param confidence {@code -Dplan.confidence}: a capacity plan's answer is the least capacity that
 *                   passes with this probability, said with this certainty (default 0.95), see
 *                   {@link CapacityEstimator}
 */
public record PlanParameters(Mode mode, double resolution, OptionalLong audience, List<String> policies,
                             List<Double> scales, int maxSlots, double maxAudience, Optional<Duration> budget, double confidence) {

    public static final String PLAN = "plan";
    public static final String RESOLUTION = "plan.resolution";
    public static final String AUDIENCE = "audience";
    public static final String POLICIES = "policies";
    public static final String SCALES = "plan.scales";
    public static final String MAX_SLOTS = "plan.maxSlots";
    public static final String MAX_AUDIENCE = "plan.maxAudience";
    public static final String BUDGET = "plan.budget";
    public static final String CONFIDENCE = "plan.confidence";

    /** The confidence used when none is given. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    private static final String CONFIDENCE_RULE = "must be a probability above 0.5 and below 1, such as 0.95";

    /**
     * The default time budget of one capacity search: the default night's answer at 95 % from its
     * probes' figures, three probes of about 1 min 45 s (issue 25; docs/BENCHMARKS.md).
     */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(6);
    /**
     * The default time budget of one breakpoint search, answered by votes alone: a 5 % answer for
     * the default night and its confirmation fit in it (docs/BENCHMARKS.md).
     */
    public static final Duration DEFAULT_BREAKPOINT_BUDGET = Duration.ofMinutes(12);
    private static final String BUDGET_RULE = "must be a duration from 1m to 24h, such as 12m or 90m, or none";

    private static final List<String> KNOWN_POLICIES = List.of("none", "fixed", "adaptive", "priority");

    /** What the plan answers. */
    public enum Mode {
        /** The least backend capacity with which the night meets its SLOs (embedded service). */
        CAPACITY,
        /** The largest audience the target serves within its SLOs at its current capacity. */
        BREAKPOINT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The same plan projected to {@code viewers} at full size (a night file's audience when no -Daudience is given). */
    public PlanParameters withAudience(long viewers) {
        return new PlanParameters(mode, resolution, OptionalLong.of(viewers), policies, scales, maxSlots, maxAudience, budget,
                confidence);
    }

    public PlanParameters {
        if (!(resolution > 0 && resolution <= 0.5)) {
            throw new ParameterException(RESOLUTION, PlanFormat.number(resolution),
                    "must be a fraction above 0 and at most 0.5, such as 0.05 (5 %)");
        }
        audience.ifPresent(a -> {
            if (a < 1) {
                throw new ParameterException(AUDIENCE, a, "must be a whole number of viewers, at least 1");
            }
        });
        policies = List.copyOf(policies);
        scales = List.copyOf(scales);
        if (mode == Mode.BREAKPOINT && policies.size() > 1) {
            throw new ParameterException(POLICIES, String.join(",", policies),
                    "compares policies by the capacity each needs: use it with -Dplan=capacity");
        }
        if (mode == Mode.BREAKPOINT && !scales.isEmpty()) {
            throw new ParameterException(SCALES, scales.stream().map(PlanFormat::number).reduce((a, b) -> a + "," + b).orElse(""),
                    "compares the capacity answered at two scales: use it with -Dplan=capacity");
        }
        if (maxSlots < 1 || maxSlots > 100_000) {
            throw new ParameterException(MAX_SLOTS, maxSlots, "must be a whole number from 1 to 100000");
        }
        if (!(maxAudience > 0 && maxAudience <= 1000)) {
            throw new ParameterException(MAX_AUDIENCE, PlanFormat.number(maxAudience), "must be a number above 0 and at most 1000");
        }
        budget.ifPresent(b -> {
            if (!inBudgetRange(b)) {
                throw new ParameterException(BUDGET, Durations.format(b), BUDGET_RULE);
            }
        });
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new ParameterException(CONFIDENCE, PlanFormat.number(confidence), CONFIDENCE_RULE);
        }
    }

    /**
     * Reads the plan's flags, or empty when {@code -Dplan} is not set (an ordinary night).
     *
     * @param externalTarget whether {@code -Dtarget} points at a real service, whose capacity the
     *                       harness cannot change
     */
    public static Optional<PlanParameters> fromProperties(Properties props, boolean externalTarget) {
        UnaryOperator<String> get = key -> {
            String v = props.getProperty(key);
            return v == null || v.isBlank() ? null : v.trim();
        };
        String plan = get.apply(PLAN);
        if (plan == null) {
            return Optional.empty();
        }
        Mode mode = switch (plan.toLowerCase(Locale.ROOT)) {
            case "capacity" -> Mode.CAPACITY;
            case "breakpoint" -> Mode.BREAKPOINT;
            default -> throw new ParameterException(PLAN, plan, "must be capacity or breakpoint");
        };
        if (mode == Mode.CAPACITY && externalTarget) {
            throw new ParameterException(PLAN, plan, "needs the embedded service (the harness cannot change an external"
                    + " target's capacity): use -Dplan=breakpoint with -Dtarget");
        }
        if (mode == Mode.BREAKPOINT && get.apply(CONFIDENCE) != null) {
            throw new ParameterException(CONFIDENCE, get.apply(CONFIDENCE),
                    "is the probability a capacity answer passes with: use it with -Dplan=capacity");
        }
        return Optional.of(new PlanParameters(mode,
                number(RESOLUTION, get.apply(RESOLUTION), "0.05"),
                audience(get.apply(AUDIENCE)),
                policies(get.apply(POLICIES)),
                scales(get.apply(SCALES)),
                (int) whole(MAX_SLOTS, get.apply(MAX_SLOTS), "4096"),
                number(MAX_AUDIENCE, get.apply(MAX_AUDIENCE), "64"),
                budget(get.apply(BUDGET), mode == Mode.CAPACITY ? DEFAULT_BUDGET : DEFAULT_BREAKPOINT_BUDGET),
                confidence(get.apply(CONFIDENCE))));
    }

    private static double confidence(String text) {
        if (text == null) {
            return DEFAULT_CONFIDENCE;
        }
        try {
            double v = Double.parseDouble(text);
            if (v > 0.5 && v < 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below in one line, with the rule
        }
        throw new ParameterException(CONFIDENCE, text, CONFIDENCE_RULE); // named as given
    }

    private static Optional<Duration> budget(String text, Duration fallback) {
        if (text == null) {
            return Optional.of(fallback);
        }
        if (text.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Durations.parse(BUDGET, text);
        } catch (ConfigException e) {
            throw new ParameterException(BUDGET, text, BUDGET_RULE);
        }
        if (!inBudgetRange(d)) {
            throw new ParameterException(BUDGET, text, BUDGET_RULE); // named as given, not as parsed
        }
        return Optional.of(d);
    }

    /** {@link #BUDGET_RULE}'s range: from 1 minute to 24 hours. */
    private static boolean inBudgetRange(Duration d) {
        return d.compareTo(Duration.ofMinutes(1)) >= 0 && d.compareTo(Duration.ofHours(24)) <= 0;
    }

    private static double number(String property, String text, String fallback) {
        String t = text == null ? fallback : text;
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below in one line, with the rule
        }
        throw new ParameterException(property, t, "must be a number such as 0.05");
    }

    private static long whole(String property, String text, String fallback) {
        String t = text == null ? fallback : text;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new ParameterException(property, t, "must be a whole number");
        }
    }

    private static OptionalLong audience(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.replace("_", "")));
        } catch (NumberFormatException e) {
            throw new ParameterException(AUDIENCE, text, "must be a whole number of viewers, at least 1, such as 5000000");
        }
    }

    private static List<String> policies(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String p : text.split(",", -1)) {
            String policy = p.trim().toLowerCase(Locale.ROOT);
            if (!KNOWN_POLICIES.contains(policy) || out.contains(policy)) {
                throw new ParameterException(POLICIES, text,
                        "must be a comma-separated list of distinct policies among none, fixed, adaptive, priority");
            }
            out.add(policy);
        }
        return out;
    }

    private static List<Double> scales(String text) {
        List<Double> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String s : text.split(",", -1)) {
            double v;
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v >= 0.001 && v <= 100) || out.contains(v)) {
                throw new ParameterException(SCALES, text, "must be a comma-separated list of distinct scales from 0.001 to 100,"
                        + " such as 0.25,1");
            }
            out.add(v);
        }
        return out;
    }
}
