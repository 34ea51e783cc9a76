package io.dropnight.simulations.journey;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How a viewer of a cinema rush picks a screening: by popularity, the weight of each screening it
 * sees free being 1 / its rank (Zipf's law with exponent 1: the hottest is twice as likely as the
 * second, ten times the tenth), so the flagship screenings take most of the demand. A screening
 * listed with no seat free is not picked (the viewer sees it sold out). Stateless and pure.
 */
final class ScreeningChoice {
    private ScreeningChoice() {
    }

    /**
     * @param listed the screenings the viewer has left to try, in any order
     * @param random the viewer's seeded source
     * @return the pick, or empty when none shows a free seat
     */
    static Optional<ReservationCalls.Listed> byPopularity(List<ReservationCalls.Listed> listed, SplittableRandom random) {
        double total = 0;
        for (ReservationCalls.Listed l : listed) {
            total += weight(l);
        }
        if (total <= 0) {
            return Optional.empty();
        }
        double draw = random.nextDouble() * total;
        ReservationCalls.Listed last = null;
        for (ReservationCalls.Listed l : listed) {
            if (weight(l) > 0) {
                last = l;
                draw -= weight(l);
                if (draw < 0) {
                    return Optional.of(l);
                }
            }
        }
        return Optional.ofNullable(last); // rounding left a sliver at the end
    }

    static double weight(ReservationCalls.Listed l) {
        return l.free() > 0 ? 1.0 / Math.max(1, l.rank()) : 0;
    }
}
