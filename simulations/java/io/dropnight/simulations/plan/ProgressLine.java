package io.dropnight.simulations.plan;

import io.dropnight.runfolder.RunVerdict;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The one line a plan prints after each probe: the value tried, the verdict, the SLO that decided
 * it, the time elapsed and an estimate of the time left, from the probes still to come at the mean
 * probe's length, or the budget's end where that comes first. Pure.
 *
 * @param number     the probe's number in the search, from 1
 * @param axis       what is varied
 * @param value      the value tried
 * @param verdict    what it said
 * @param decidedBy  the SLO (or cause) that decided it
 * @param elapsed    the search's time so far
 * @param left       the probes still to come, as far as can be told
 * @param atLeast    whether {@code left} is a floor (while bracketing, how far the threshold lies is unknown)
 * @param budgetLeft the budget's time left, when the budget may end the search (a safe answer exists); empty
 *                   before: the line then says that the budget waits for one, where the guess runs past it
 * @param budget     the budget itself, when there is one
 */
record ProgressLine(int number, Axis axis, double value, RunVerdict verdict, String decidedBy, Duration elapsed, int left,
                    boolean atLeast, Optional<Duration> budgetLeft, Optional<Duration> budget) {

    String text() {
        Duration perProbe = elapsed.dividedBy(number);
        String time = PlanFormat.duration(perProbe.multipliedBy(left));
        String count = left == 1 ? "1 probe" : left + " probes";
        // before a safe answer exists the budget does not bind (there is no answer to stop at): say when it will
        String waiting = budget.isPresent() && budgetLeft.isEmpty() && perProbe.multipliedBy(left).plus(elapsed).compareTo(budget.get()) > 0
                ? "; the " + PlanFormat.duration(budget.get()) + " budget ends the search once a safe answer exists" : "";
        String estimate = atLeast ? "at least " + time + " left (" + count + " or more" + waiting + ")"
                : "about " + time + " left (" + count + waiting + ")";
        if (budgetLeft.isPresent() && budget.isPresent() && perProbe.multipliedBy(left).compareTo(budgetLeft.get()) > 0) {
            // the budget will end the search first: say when, and what the search would have liked
            Duration until = budgetLeft.get().isNegative() ? Duration.ZERO : budgetLeft.get();
            estimate = "at most " + PlanFormat.duration(until) + " left (the " + PlanFormat.duration(budget.get()) + " budget; "
                    + count + (atLeast ? " or more" : "") + " would take " + time + ")";
        }
        return String.format(Locale.ROOT, "plan probe %d: %s %s -> %s (%s); elapsed %s, %s", number, axis.name(),
                PlanFormat.number(value), verdict.name(), decidedBy, PlanFormat.duration(elapsed), estimate);
    }
}
