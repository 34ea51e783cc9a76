package io.dropnight.catalogue;

import io.dropnight.core.Checks;
import java.time.Instant;

/**
 * The generated catalogue and its drop.
 *
 * @param seed         seed of the deterministic generator; the same seed gives the same catalogue
 * @param titles       how many titles, featured series included
 * @param dropAt       the instant the featured series' final episodes unlock
 * @param dropEpisodes how many episodes of the final season unlock at {@code dropAt} (1 for a
 *                     finale, several for a premiere)
 */
public record CatalogueConfig(long seed, int titles, Instant dropAt, int dropEpisodes) {

    public CatalogueConfig {
        Checks.between("catalogue.titles", titles, 10, 1_000_000);
        Checks.notNull("catalogue.drop-at", dropAt);
        Checks.between("catalogue.drop-episodes", dropEpisodes, 1, 8);
    }
}
