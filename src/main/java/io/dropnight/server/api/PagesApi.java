package io.dropnight.server.api;

import io.dropnight.catalogue.Catalogue;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.catalogue.Episode;
import io.dropnight.catalogue.Title;
import io.dropnight.core.HtmlEscape;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Clock;
import java.time.Instant;

/** The browser path: a small home page and title pages, server-rendered HTML. Thread-safe. */
public final class PagesApi {
    private final Catalogue catalogue;
    private final DropSchedule drop;
    private final Clock clock;

    public PagesApi(Catalogue catalogue, DropSchedule drop, Clock clock) {
        this.catalogue = catalogue;
        this.drop = drop;
        this.clock = clock;
    }

    public Route.Call home(RequestView request) {
        return new Route.Call("home", () -> {
            StringBuilder html = head("Dropnight");
            for (Catalogue.HomeRow row : catalogue.homeRows()) {
                html.append("<h2>").append(HtmlEscape.escape(row.name())).append("</h2><ul>");
                for (Title t : row.titles()) {
                    html.append("<li><a href=\"/title/").append(t.id()).append("\">")
                            .append(HtmlEscape.escape(t.name())).append("</a></li>");
                }
                html.append("</ul>");
            }
            return Reply.html(HttpResponseStatus.OK, html.append("</body></html>\n").toString());
        });
    }

    public Route.Call title(RequestView request) {
        long id = request.idParam("id");
        return new Route.Call("title:" + id, () -> {
            Title t = catalogue.title(id).orElseThrow(() -> HttpProblem.notFound("no title with id " + id));
            Instant now = clock.instant();
            StringBuilder html = head(t.name()).append("<h1>").append(HtmlEscape.escape(t.name())).append("</h1>");
            for (Title.Season s : t.seasons()) {
                html.append("<h2>Season ").append(s.number()).append("</h2><ol>");
                for (Episode e : s.episodes()) {
                    html.append("<li>").append(HtmlEscape.escape(e.name()));
                    if (!e.available(drop, now)) {
                        html.append(" <em>available at ").append(e.availableAt(drop)).append("</em>");
                    }
                    html.append("</li>");
                }
                html.append("</ol>");
            }
            return Reply.html(HttpResponseStatus.OK, html.append("</body></html>\n").toString());
        });
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(2048).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlEscape.escape(title)).append("</title></head><body>");
    }
}
