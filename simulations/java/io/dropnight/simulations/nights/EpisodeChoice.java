package io.dropnight.simulations.nights;

import io.dropnight.simulations.params.Night;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Which episode a viewer starts. Episode ids are opaque: whatever the target's answer gave (a
 * number, {@code e108}, a UUID) is what the play request sends, unchanged; nothing here parses an
 * id. The journey and the preflight both choose through this class, so the preflight fails where
 * the load would. Stateless; thread-safe.
 */
public enum EpisodeChoice {
    /** The final episode (the drop). */
    FINAL,
    /** The n-th episode of the last season (a binge from the start of the season). */
    NTH_OF_LAST_SEASON,
    /** Any of the last three episodes (Christmas: volume 2 is three episodes). */
    ONE_OF_LAST_THREE;

    /** The first episode a viewer of {@code night} starts when it does not wait for the drop (its file's {@code episode}). */
    public static EpisodeChoice forNight(Night night) {
        return Nights.file(night).episode();
    }

    /** The choice a night file's {@code episode:} names exactly, if it names one. */
    public static java.util.Optional<EpisodeChoice> of(String label) {
        return java.util.Arrays.stream(values()).filter(c -> c.label().equals(label)).findFirst();
    }

    /** The name a night file gives the choice: {@code final}, {@code nth-of-last-season}, {@code one-of-last-three}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * @param finalEpisodeId the final episode, as the target gave it
     * @param lastSeason     episode ids of the last season, in order (may be empty if unknown)
     * @param index          0-based episode index for {@link #NTH_OF_LAST_SEASON}
     * @return one of the given ids, unchanged
     */
    public String pick(String finalEpisodeId, List<String> lastSeason, int index, RandomGenerator random) {
        Objects.requireNonNull(finalEpisodeId, "finalEpisodeId");
        if (lastSeason.isEmpty() || this == FINAL) {
            return finalEpisodeId;
        }
        return switch (this) {
            case NTH_OF_LAST_SEASON -> lastSeason.get(Math.min(index, lastSeason.size() - 1));
            case ONE_OF_LAST_THREE -> lastSeason.get(Math.max(0, lastSeason.size() - 1 - random.nextInt(3)));
            default -> finalEpisodeId;
        };
    }

    /**
     * An id as a later request sends it: a string as is, a number in its JSON text form
     * ({@code 4203}, never {@code 4203.0}), anything else as its text.
     */
    public static String idText(Object id) {
        Objects.requireNonNull(id, "id");
        if (id instanceof String s) {
            return s;
        }
        if (id instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(id);
    }

    /** Each element of a saved list of ids, by {@link #idText}; nulls (JSON {@code null}) are left out. */
    public static List<String> idTexts(List<?> ids) {
        List<String> out = new ArrayList<>(ids.size());
        for (Object id : ids) {
            if (id != null) {
                out.add(idText(id));
            }
        }
        return out;
    }
}
