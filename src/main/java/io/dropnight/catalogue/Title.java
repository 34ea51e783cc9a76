package io.dropnight.catalogue;

import java.util.List;

/**
 * A series in the catalogue (a film is a series of one episode).
 *
 * @param id       title id, from 1; the featured series is 1
 * @param name     display name
 * @param genre    one genre, used for home rows
 * @param year     release year
 * @param seasons  seasons in order, each with its episodes
 * @param featured whether this is the series whose finale drops tonight
 */
public record Title(long id, String name, String genre, int year, List<Season> seasons, boolean featured) {

    public Title {
        seasons = List.copyOf(seasons);
    }

    /** The title-metadata cache key its page reads. */
    public String cacheKey() {
        return "title:" + id;
    }

    /** A season with its episodes in order. */
    public record Season(int number, List<Episode> episodes) {
        public Season {
            episodes = List.copyOf(episodes);
        }
    }
}
