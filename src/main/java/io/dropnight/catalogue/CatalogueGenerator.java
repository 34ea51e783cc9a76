package io.dropnight.catalogue;


import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a deterministic catalogue from a seed: the same {@link CatalogueConfig#seed()} gives
 * the same titles, names and rows on every machine, so runs can be compared.
 */
public final class CatalogueGenerator {
    /** The featured series: five seasons, the last of eight episodes, its finale tonight. */
    public static final String FEATURED_NAME = "Hollow Lights";
    private static final int FEATURED_SEASONS = 5;
    private static final int FINAL_SEASON_EPISODES = 8;

    private static final String[] ADJECTIVES = {"Silent", "Crimson", "Hidden", "Last", "Broken", "Golden", "Northern",
        "Electric", "Midnight", "Distant", "Wild", "Frozen", "Secret", "Burning", "Quiet", "Lost", "Iron", "Velvet",
        "Hollow", "Bright"};
    private static final String[] NOUNS = {"Harbor", "Signal", "Kingdom", "Summer", "Orchard", "Archive", "River",
        "Station", "Garden", "Empire", "Frontier", "Lantern", "Protocol", "Tide", "Circuit", "Meadow", "Verdict",
        "Parade", "Atlas", "Echo"};
    private static final String[] GENRES = {"Drama", "Thriller", "Comedy", "Sci-Fi", "Documentary", "Crime",
        "Fantasy", "Animation"};

    private CatalogueGenerator() {
    }

    public static Catalogue generate(CatalogueConfig config) {
        SplittableRandom random = new SplittableRandom(config.seed());
        Instant longAgo = config.dropAt().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        List<Title> titles = new ArrayList<>(config.titles());
        titles.add(featured(config, longAgo));
        for (long id = 2; id <= config.titles(); id++) {
            titles.add(ordinary(id, random, longAgo));
        }
        return new Catalogue(titles, homeRows(titles, random));
    }

    private static Title featured(CatalogueConfig config, Instant longAgo) {
        List<Title.Season> seasons = new ArrayList<>();
        for (int s = 1; s <= FEATURED_SEASONS; s++) {
            boolean last = s == FEATURED_SEASONS;
            int count = last ? FINAL_SEASON_EPISODES : 8 + s % 2;
            List<Episode> episodes = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                boolean drops = last && n > count - config.dropEpisodes();
                String name = "Chapter " + n + (last && n == count ? ": The Right Side Up" : "");
                episodes.add(new Episode(episodeId(1, s, n), 1, s, n, name,
                        longAgo.plus(s * 30L, ChronoUnit.DAYS), drops));
            }
            seasons.add(new Title.Season(s, episodes));
        }
        return new Title(1, FEATURED_NAME, "Sci-Fi", 2016, seasons, true);
    }

    private static Title ordinary(long id, SplittableRandom random, Instant longAgo) {
        String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)]
                + (random.nextInt(3) == 0 ? " " + (2 + random.nextInt(8)) : "");
        int seasonCount = 1 + random.nextInt(4);
        List<Title.Season> seasons = new ArrayList<>();
        for (int s = 1; s <= seasonCount; s++) {
            int count = 3 + random.nextInt(8);
            List<Episode> episodes = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                episodes.add(new Episode(episodeId(id, s, n), id, s, n, "Episode " + n,
                        longAgo.plus(random.nextInt(300), ChronoUnit.DAYS), false));
            }
            seasons.add(new Title.Season(s, episodes));
        }
        return new Title(id, name, GENRES[random.nextInt(GENRES.length)], 1990 + random.nextInt(36), seasons, false);
    }

    /** Episode ids encode their place: {@code titleId * 10000 + season * 100 + number}. */
    static long episodeId(long titleId, int season, int number) {
        return titleId * 10_000 + season * 100L + number;
    }

    private static List<Catalogue.HomeRow> homeRows(List<Title> titles, SplittableRandom random) {
        List<Catalogue.HomeRow> rows = new ArrayList<>();
        rows.add(new Catalogue.HomeRow("Tonight at 2:00: the final episode", List.of(titles.get(0))));
        for (String name : new String[] {"Trending now", "New releases", "Because you watched " + FEATURED_NAME,
            "Top 10 today"}) {
            List<Title> row = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                row.add(titles.get(1 + random.nextInt(titles.size() - 1)));
            }
            rows.add(new Catalogue.HomeRow(name, row));
        }
        return rows;
    }
}
