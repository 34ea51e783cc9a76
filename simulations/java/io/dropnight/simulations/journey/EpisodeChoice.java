package io.dropnight.simulations.journey;

import java.util.List;
import java.util.random.RandomGenerator;

/** Which episode a viewer starts. */
public enum EpisodeChoice {
    /** The featured final episode (the drop). */
    FINAL,
    /** The n-th episode of the last season (a binge from the start of the season). */
    NTH_OF_LAST_SEASON,
    /** Any of the last three episodes (Christmas: volume 2 is three episodes). */
    ONE_OF_LAST_THREE;

    /**
     * @param finalEpisodeId the featured final episode
     * @param lastSeason     episode ids of the last season, in order (may be empty if unknown)
     * @param index          0-based episode index for {@link #NTH_OF_LAST_SEASON}
     */
    long pick(long finalEpisodeId, List<Long> lastSeason, int index, RandomGenerator random) {
        if (lastSeason.isEmpty() || this == FINAL) {
            return finalEpisodeId;
        }
        return switch (this) {
            case NTH_OF_LAST_SEASON -> lastSeason.get(Math.min(index, lastSeason.size() - 1));
            case ONE_OF_LAST_THREE -> lastSeason.get(Math.max(0, lastSeason.size() - 1 - random.nextInt(3)));
            default -> finalEpisodeId;
        };
    }
}
