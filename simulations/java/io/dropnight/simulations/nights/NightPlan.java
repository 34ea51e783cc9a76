package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A night's populations on the compressed timeline, relative to the first injection. Immutable.
 *
 * @param night       the night
 * @param dropOffset  when the episode unlocks, from the first injection (the service gets {@code --drop-in});
 *                    whole seconds, as the phases that lead up to it ({@link Phase#wholeSeconds})
 * @param populations who arrives, when, and what they do
 * @param eventLength how long live viewers stay (zero when no one stays for an event)
 */
public record NightPlan(Night night, Duration dropOffset, List<Population> populations, Duration eventLength) {

    public NightPlan {
        Objects.requireNonNull(night, "night");
        dropOffset = Phase.wholeSeconds(Objects.requireNonNull(dropOffset, "dropOffset"));
        populations = List.copyOf(populations);
        Objects.requireNonNull(eventLength, "eventLength");
    }

    /** Viewers started by open-model populations. */
    public int totalArrivals() {
        return populations.stream().mapToInt(Population::totalArrivals).sum();
    }

    /** The largest concurrency a closed-model phase reaches (a live audience), 0 for open nights. */
    public int peakConcurrentViewers() {
        return populations.stream().filter(Population::closedModel).mapToInt(Population::peakConcurrency).max().orElse(0);
    }

    /** The viewers every population needs together ({@link Population#viewers}): what a rehearsal's size counts. */
    public int viewers() {
        return populations.stream().mapToInt(Population::viewers).sum();
    }

    /** The population with the given name suffix, such as {@code arrivals}. */
    public Population population(String suffix) {
        return populations.stream().filter(p -> p.name().endsWith("/" + suffix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(night.label() + ": no population " + suffix));
    }

    /** The longest injection profile: load keeps arriving until then. */
    public Duration injectionDuration() {
        return populations.stream().map(Population::injectionDuration).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
