package io.dropnight.server.api;

import io.dropnight.core.Endpoint;
import io.netty.handler.codec.http.HttpMethod;

import io.dropnight.reservations.ReservationRoutes;

import java.util.ArrayList;
import java.util.List;

import static io.dropnight.server.api.Route.Access.ADMIN;
import static io.dropnight.server.api.Route.Access.PUBLIC;
import static io.dropnight.server.api.Route.Access.SESSION;

/** The service's route table, in one place. */
public final class Routes {
    private Routes() {
    }

    /** The catalogue's routes only (no cinema reservations). */
    public static Router table(CatalogueApi catalogue, PlaybackApi playback, PagesApi pages, OpsApi ops,
                               AdminApi admin) {
        return new Router(catalogueRoutes(catalogue, playback, pages, ops, admin));
    }

    /** Every route: the catalogue's and the cinema reservations' ({@link ReservationRoutes}). */
    public static Router table(CatalogueApi catalogue, PlaybackApi playback, PagesApi pages, OpsApi ops,
                               AdminApi admin, ReservationsApi reservations) {
        List<Route> routes = new ArrayList<>(catalogueRoutes(catalogue, playback, pages, ops, admin));
        routes.add(new Route(HttpMethod.GET, ReservationRoutes.SCREENINGS, Endpoint.SCREENINGS, SESSION,
                reservations::screenings));
        routes.add(new Route(HttpMethod.POST, ReservationRoutes.HOLDS, Endpoint.HOLD, SESSION, reservations::hold));
        routes.add(new Route(HttpMethod.POST, ReservationRoutes.CONFIRM, Endpoint.CONFIRM, SESSION, reservations::confirm));
        routes.add(new Route(HttpMethod.DELETE, ReservationRoutes.HOLD, Endpoint.CANCEL, SESSION, reservations::cancel));
        return new Router(routes);
    }

    private static List<Route> catalogueRoutes(CatalogueApi catalogue, PlaybackApi playback, PagesApi pages,
                                               OpsApi ops, AdminApi admin) {
        return List.of(
                new Route(HttpMethod.POST, "/api/session", Endpoint.SESSION, PUBLIC, playback::session),
                new Route(HttpMethod.GET, "/api/home", Endpoint.HOME, SESSION, catalogue::home),
                new Route(HttpMethod.GET, "/api/titles/{id}", Endpoint.TITLE, SESSION, catalogue::title),
                new Route(HttpMethod.GET, "/api/search", Endpoint.SEARCH, SESSION, catalogue::search),
                new Route(HttpMethod.POST, "/api/playback/{episodeId}", Endpoint.PLAYBACK_START, SESSION, playback::start),
                new Route(HttpMethod.POST, "/api/playback/{playbackId}/heartbeat", Endpoint.HEARTBEAT, SESSION,
                        playback::heartbeat),
                new Route(HttpMethod.GET, "/", Endpoint.PAGE_HOME, PUBLIC, pages::home),
                new Route(HttpMethod.GET, "/title/{id}", Endpoint.PAGE_TITLE, PUBLIC, pages::title),
                new Route(HttpMethod.GET, "/health", Endpoint.HEALTH, PUBLIC, ops::health),
                new Route(HttpMethod.GET, "/metrics", Endpoint.METRICS, PUBLIC, ops::metrics),
                new Route(HttpMethod.GET, "/metrics/prometheus", Endpoint.METRICS, PUBLIC, ops::prometheus),
                new Route(HttpMethod.POST, "/admin/reset", Endpoint.ADMIN, ADMIN, admin::reset),
                new Route(HttpMethod.POST, "/admin/drop", Endpoint.ADMIN, ADMIN, admin::drop),
                new Route(HttpMethod.POST, "/admin/capacity", Endpoint.ADMIN, ADMIN, admin::capacity),
                new Route(HttpMethod.POST, "/admin/fault", Endpoint.ADMIN, ADMIN, admin::fault));
    }
}
