package io.dropnight.simulations.slo;

import io.dropnight.simulations.journey.ViewerBound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the rest of a night can still add at most ({@link SloLoss.Remaining}), from its plan and
 * its journeys: each population's planned viewers and what one of them can do
 * ({@link ViewerBound}). Pure; immutable.
 *
 * <p>The requests still possible, summed over the populations: for each, the least of
 * <ul>
 *   <li>its planned viewers × the most one viewer sends in a whole night, less what the
 *       population has already had counted (none of its viewers, arrived or to come, can send more
 *       than that), and</li>
 *   <li>its planned viewers × the most one viewer can still have counted from now on (time left
 *       bounds its polls and a live event's heartbeats).</li>
 * </ul>
 * The intents still able to end: the planned viewers × each one's play outcomes
 * ({@link ViewerBound#outcomes()}), less the outcomes already counted (streams started and viewers
 * who gave up). A closed-model population (a live
 * audience that replaces its leavers: its viewers have no planned total) or a journey whose bound
 * is unknown makes the bound it enters unknown, and the SLOs that need it are then never lost.
 *
 * <p>Reading order matters, for a bound that only errs upwards: take the time first, then each
 * population's requests, then the night's counters (see {@link SloWatch}).
 *
 * @param populations each population of this injector's share of the night
 * @param wholeNight  from the injection's start to the hard stop (Gatling's max duration and a margin)
 * @param eventLength from the injection's start to a live event's end (the hard stop when there is none)
 */
public record RestOfNight(List<Part> populations, Duration wholeNight, Duration eventLength) {
    public RestOfNight {
        populations = List.copyOf(populations);
        Objects.requireNonNull(wholeNight, "wholeNight");
        Objects.requireNonNull(eventLength, "eventLength");
    }

    /**
     * One population.
     *
     * @param name    its name, as its figures are kept by
     * @param viewers the viewers it plans (this injector's share); empty for a closed model
     * @param viewer  the most one of them can do
     */
    public record Part(String name, OptionalLong viewers, ViewerBound viewer) {
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(viewers, "viewers");
            Objects.requireNonNull(viewer, "viewer");
            if (viewers.orElse(0) < 0) {
                throw new IllegalArgumentException(name + ": planned viewers are never negative: " + viewers.getAsLong());
            }
        }
    }

    /**
     * @param sinceStart   time since the injection started
     * @param requestsSent each population's requests counted so far, by name (absent: none)
     * @param intentsEnded streams started and viewers who gave up so far, the whole night (from the same reading
     *                     as the {@link SloLoss.SoFar} judged with the result)
     */
    public SloLoss.Remaining remaining(Duration sinceStart, Map<String, Long> requestsSent, long intentsEnded) {
        return new SloLoss.Remaining(requests(sinceStart, requestsSent), intents(intentsEnded));
    }

    private OptionalLong requests(Duration sinceStart, Map<String, Long> requestsSent) {
        Duration untilHardStop = wholeNight.minus(sinceStart);
        Duration untilEventEnd = eventLength.minus(sinceStart);
        long total = 0;
        for (Part p : populations) {
            OptionalLong whole = p.viewer().requestsAtMost(wholeNight, eventLength);
            OptionalLong fromNow = p.viewer().requestsAtMost(untilHardStop, untilEventEnd);
            if (p.viewers().isEmpty() || whole.isEmpty() || fromNow.isEmpty()) {
                return OptionalLong.empty();
            }
            long viewers = p.viewers().getAsLong();
            long sent = requestsSent.getOrDefault(p.name(), 0L);
            long unsent = Math.max(0, Math.multiplyExact(viewers, whole.getAsLong()) - sent);
            total = Math.addExact(total, Math.min(unsent, Math.multiplyExact(viewers, fromNow.getAsLong())));
        }
        return OptionalLong.of(total);
    }

    private OptionalLong intents(long intentsEnded) {
        long planned = 0;
        for (Part p : populations) {
            if (p.viewers().isEmpty()) {
                return OptionalLong.empty();
            }
            planned = Math.addExact(planned, Math.multiplyExact(p.viewers().getAsLong(), (long) p.viewer().outcomes()));
        }
        return OptionalLong.of(Math.max(0, planned - intentsEnded));
    }
}
