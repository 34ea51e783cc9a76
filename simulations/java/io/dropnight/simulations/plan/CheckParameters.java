package io.dropnight.simulations.plan;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;
import io.dropnight.simulations.params.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The flags of {@code scripts/plan-check.sh}, read in this one place and validated before any
 * night runs; the night's own flags stay in {@link io.dropnight.simulations.params.NightParameters}
 * and must be the plan's. A bad value is a {@link ParameterException}: one line naming the
 * property, the value and the rule. Immutable.
 *
 * @param plan   {@code -Dcheck.plan}: the plan's folder (or its plan.json)
 * @param runs   {@code -Dcheck.runs}: nights at each of the two capacities, 1 to 50 (default 10)
 * @param budget {@code -Dcheck.budget}: no night starts that would end past it, taking the longest
 *               so far as its length (default 60m, from 1m to 24h)
 * @param search {@code -Dcheck.search}: which of the plan's searches, from 0 (default 0)
 * @param at     {@code -Dcheck.at}: which of the plan's capacities are re-run, in that order (default
 *               {@code answer,below}; {@code half}: the whole slots either side of the capacity an
 *               estimate says passes half the time)
 */
record CheckParameters(Path plan, int runs, Duration budget, int search, List<String> at) {
    static final String PLAN = "check.plan";
    static final String AT = "check.at";
    /** The capacities {@code -Dcheck.at} can name: the answer, one step below it, the one passing half the time. */
    static final List<String> ROLES = List.of("answer", "below", "half");
    private static final String AT_RULE = "must name one or more of answer, below, half, such as answer,below";
    static final String RUNS = "check.runs";
    static final String BUDGET = "check.budget";
    static final String SEARCH = "check.search";
    static final Duration DEFAULT_BUDGET = Duration.ofMinutes(60);
    private static final String BUDGET_RULE = "must be a duration from 1m to 24h, such as 60m";

    /** Re-runs at the answer and one step below. */
    CheckParameters(Path plan, int runs, Duration budget, int search) {
        this(plan, runs, budget, search, List.of("answer", "below"));
    }

    CheckParameters {
        at = List.copyOf(at);
        if (at.isEmpty() || !ROLES.containsAll(at) || at.stream().distinct().count() != at.size()) {
            throw new ParameterException(AT, String.join(",", at), AT_RULE);
        }
        if (runs < 1 || runs > 50) {
            throw new ParameterException(RUNS, runs, "must be a whole number from 1 to 50");
        }
        if (budget.compareTo(Duration.ofMinutes(1)) < 0 || budget.compareTo(Duration.ofHours(24)) > 0) {
            throw new ParameterException(BUDGET, Durations.format(budget), BUDGET_RULE);
        }
        if (search < 0) {
            throw new ParameterException(SEARCH, search, "must be a whole number, 0 for the plan's first search");
        }
    }

    /** The plan's plan.json: {@code plan} itself, or the file of that name in it. */
    Path planJson() {
        return Files.isDirectory(plan) ? plan.resolve(io.dropnight.runfolder.RunFiles.PLAN_JSON) : plan;
    }

    static CheckParameters fromProperties(Properties props) {
        String plan = props.getProperty(PLAN);
        if (plan == null || plan.isBlank()) {
            throw new ParameterException(PLAN, "(not set)", "must name a plan's folder, such as reports/plan-20261207-140000-capacity");
        }
        Path path = Path.of(plan.trim());
        Path json = Files.isDirectory(path) ? path.resolve(io.dropnight.runfolder.RunFiles.PLAN_JSON) : path;
        if (!Files.isRegularFile(json)) {
            throw new ParameterException(PLAN, plan, "holds no plan.json");
        }
        return new CheckParameters(path, whole(RUNS, props.getProperty(RUNS), 10), budget(props.getProperty(BUDGET)),
                whole(SEARCH, props.getProperty(SEARCH), 0), at(props.getProperty(AT)));
    }

    private static List<String> at(String text) {
        if (text == null || text.isBlank()) {
            return List.of("answer", "below");
        }
        List<String> roles = Arrays.stream(text.split(",", -1)).map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
        if (!ROLES.containsAll(roles) || roles.stream().distinct().count() != roles.size()) {
            throw new ParameterException(AT, text, AT_RULE); // named as given
        }
        return roles;
    }

    private static int whole(String property, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(property, text, "must be a whole number");
        }
    }

    private static Duration budget(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_BUDGET;
        }
        try {
            return Durations.parse(BUDGET, text.trim());
        } catch (ConfigException e) {
            throw new ParameterException(BUDGET, text, BUDGET_RULE);
        }
    }
}
