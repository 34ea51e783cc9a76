package io.dropnight.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable, generated catalogue: titles by id, episodes by id, search by name and the home
 * page's rows. Thread-safe (nothing changes after construction).
 */
public final class Catalogue {
    private final List<Title> titles;
    private final Map<Long, Title> titlesById = new HashMap<>();
    private final Map<Long, Episode> episodesById = new HashMap<>();
    private final String[] lowerCaseNames;
    private final List<HomeRow> homeRows;

    /** A named row of titles on the home page. */
    public record HomeRow(String name, List<Title> titles) {
        public HomeRow {
            titles = List.copyOf(titles);
        }
    }

    Catalogue(List<Title> titles, List<HomeRow> homeRows) {
        this.titles = List.copyOf(titles);
        this.homeRows = List.copyOf(homeRows);
        this.lowerCaseNames = new String[titles.size()];
        for (int i = 0; i < titles.size(); i++) {
            Title t = titles.get(i);
            titlesById.put(t.id(), t);
            lowerCaseNames[i] = t.name().toLowerCase(Locale.ROOT);
            for (Title.Season s : t.seasons()) {
                for (Episode e : s.episodes()) {
                    episodesById.put(e.id(), e);
                }
            }
        }
    }

    public Optional<Title> title(long id) {
        return Optional.ofNullable(titlesById.get(id));
    }

    public Optional<Episode> episode(long id) {
        return Optional.ofNullable(episodesById.get(id));
    }

    /** The series whose finale drops tonight (always title 1). */
    public Title featured() {
        return titles.get(0);
    }

    /** The last episode of the featured series: the one everybody is waiting for. */
    public Episode finalEpisode() {
        List<Title.Season> seasons = featured().seasons();
        List<Episode> last = seasons.get(seasons.size() - 1).episodes();
        return last.get(last.size() - 1);
    }

    /** Episodes of the featured series that unlock at the drop, in order. */
    public List<Episode> dropEpisodes() {
        List<Episode> out = new ArrayList<>();
        for (Title.Season s : featured().seasons()) {
            for (Episode e : s.episodes()) {
                if (e.dropsAtRelease()) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    public List<HomeRow> homeRows() {
        return homeRows;
    }

    public int size() {
        return titles.size();
    }

    /**
     * Titles whose name contains {@code query}, case-insensitively, in catalogue order.
     *
     * @param limit the most results returned
     */
    public List<Title> search(String query, int limit) {
        String q = query.toLowerCase(Locale.ROOT).trim();
        List<Title> out = new ArrayList<>();
        if (q.isEmpty()) {
            return out;
        }
        for (int i = 0; i < lowerCaseNames.length && out.size() < limit; i++) {
            if (lowerCaseNames[i].contains(q)) {
                out.add(titles.get(i));
            }
        }
        return out;
    }
}
