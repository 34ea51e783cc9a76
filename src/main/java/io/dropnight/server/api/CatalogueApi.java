package io.dropnight.server.api;

import io.dropnight.catalogue.Catalogue;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.catalogue.Episode;
import io.dropnight.catalogue.Title;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The browse routes: home rows, title pages, search. The home body never changes, so it is
 * serialised once. Thread-safe.
 */
public final class CatalogueApi {
    /** Most search results returned. */
    public static final int SEARCH_LIMIT = 20;
    /** Longest query accepted. */
    public static final int MAX_QUERY_LENGTH = 200;

    private final Catalogue catalogue;
    private final DropSchedule drop;
    private final Clock clock;
    private final Json json;
    private volatile byte[] homeBody;

    public CatalogueApi(Catalogue catalogue, DropSchedule drop, Clock clock, Json json) {
        this.catalogue = catalogue;
        this.drop = drop;
        this.clock = clock;
        this.json = json;
        this.homeBody = renderHome();
    }

    /** Re-renders what depends on the drop instant (called when the admin moves it). */
    public void dropMoved() {
        this.homeBody = renderHome();
    }

    public Route.Call home(RequestView request) {
        byte[] body = homeBody;
        return new Route.Call("home", () -> Reply.jsonBytes(HttpResponseStatus.OK, body));
    }

    public Route.Call title(RequestView request) {
        long id = request.idParam("id");
        return new Route.Call("title:" + id, () -> Reply.json(HttpResponseStatus.OK, titleBody(lookup(id))));
    }

    public Route.Call search(RequestView request) {
        String q = request.queryParam("q");
        if (q == null || q.isBlank()) {
            throw HttpProblem.badRequest("query parameter q is required, for example /api/search?q=lights");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw HttpProblem.badRequest("query parameter q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return Route.Call.of(() -> {
            List<Map<String, Object>> results = new ArrayList<>();
            for (Title t : catalogue.search(q, SEARCH_LIMIT)) {
                results.add(summary(t));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", q);
            body.put("results", results);
            return Reply.json(HttpResponseStatus.OK, body);
        });
    }

    Title lookup(long id) {
        return catalogue.title(id).orElseThrow(() -> HttpProblem.notFound("no title with id " + id));
    }

    Map<String, Object> titleBody(Title t) {
        Instant now = clock.instant();
        List<Map<String, Object>> seasons = new ArrayList<>();
        for (Title.Season s : t.seasons()) {
            List<Map<String, Object>> episodes = new ArrayList<>();
            for (Episode e : s.episodes()) {
                Map<String, Object> ep = new LinkedHashMap<>();
                ep.put("id", e.id());
                ep.put("number", e.number());
                ep.put("name", e.name());
                ep.put("availableAt", e.availableAt(drop).toString());
                ep.put("available", e.available(drop, now));
                episodes.add(ep);
            }
            seasons.add(Map.of("number", s.number(), "episodes", episodes));
        }
        Map<String, Object> body = new LinkedHashMap<>(summary(t));
        body.put("genre", t.genre());
        body.put("year", t.year());
        body.put("seasons", seasons);
        return body;
    }

    private static Map<String, Object> summary(Title t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        return m;
    }

    private byte[] renderHome() {
        Title featured = catalogue.featured();
        Map<String, Object> f = new LinkedHashMap<>(summary(featured));
        f.put("titleId", featured.id());
        f.put("finalEpisodeId", catalogue.finalEpisode().id());
        List<Long> dropIds = new ArrayList<>();
        for (Episode e : catalogue.dropEpisodes()) {
            dropIds.add(e.id());
        }
        f.put("dropEpisodeIds", dropIds);
        f.put("dropAt", drop.dropAt().toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Catalogue.HomeRow row : catalogue.homeRows()) {
            List<Map<String, Object>> titles = new ArrayList<>();
            for (Title t : row.titles()) {
                titles.add(summary(t));
            }
            rows.add(Map.of("name", row.name(), "titles", titles));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("featured", f);
        body.put("rows", rows);
        return json.write(body);
    }
}
