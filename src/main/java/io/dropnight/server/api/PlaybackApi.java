package io.dropnight.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropnight.auth.TokenService;
import io.dropnight.catalogue.Catalogue;
import io.dropnight.catalogue.DropSchedule;
import io.dropnight.catalogue.Episode;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Login, playback start and heartbeats. The episode everybody waits for is locked (403 with its
 * {@code availableAt}) until the drop instant. Thread-safe.
 */
public final class PlaybackApi {
    static final String SESSION = "session";
    static final String PLAYBACK = "playback";
    /** A playback id stays valid for heartbeats this long. */
    static final Duration PLAYBACK_TTL = Duration.ofHours(4);
    private static final int MAX_PROFILE_LENGTH = 64;

    private final Catalogue catalogue;
    private final DropSchedule drop;
    private final TokenService tokens;
    private final Clock clock;
    private final Json json;
    private final Duration sessionTtl;

    public PlaybackApi(Catalogue catalogue, DropSchedule drop, TokenService tokens, Clock clock, Json json,
                       Duration sessionTtl) {
        this.catalogue = catalogue;
        this.drop = drop;
        this.tokens = tokens;
        this.clock = clock;
        this.json = json;
        this.sessionTtl = sessionTtl;
    }

    /** The profile id of a valid session token, or null. */
    public String authenticate(String bearerToken) {
        return tokens.verify(SESSION, bearerToken).map(TokenService.Claims::subject).orElse(null);
    }

    public Route.Call session(RequestView request) {
        JsonNode body = json.readObject(request.body());
        JsonNode profile = body.get("profile");
        if (profile != null && (!profile.isTextual() || profile.asText().length() > MAX_PROFILE_LENGTH)) {
            throw HttpProblem.badRequest("profile must be a string of at most " + MAX_PROFILE_LENGTH + " characters");
        }
        return Route.Call.of(() -> {
            String profileId = tokens.randomId();
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("token", tokens.issue(SESSION, profileId, sessionTtl));
            reply.put("profileId", profileId);
            reply.put("expiresInSeconds", sessionTtl.toSeconds());
            return Reply.json(HttpResponseStatus.OK, reply);
        });
    }

    public Route.Call start(RequestView request) {
        long episodeId = request.idParam("episodeId");
        String subject = request.subject();
        return new Route.Call("episode:" + episodeId, () -> startReply(episodeId, subject));
    }

    private Reply startReply(long episodeId, String subject) {
        Episode e = catalogue.episode(episodeId)
                .orElseThrow(() -> HttpProblem.notFound("no episode with id " + episodeId));
        if (!e.available(drop, clock.instant())) {
            throw new HttpProblem(HttpResponseStatus.FORBIDDEN, "EPISODE_LOCKED",
                    "episode " + episodeId + " is not available yet",
                    Map.of("availableAt", e.availableAt(drop).toString()));
        }
        String playbackId = tokens.issue(PLAYBACK, subject + ":" + episodeId, PLAYBACK_TTL);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("episodeId", episodeId);
        manifest.put("streams", List.of(
                Map.of("height", 2160, "bitrateKbps", 16000, "url", "/cdn/" + episodeId + "/2160p.m3u8"),
                Map.of("height", 1080, "bitrateKbps", 5800, "url", "/cdn/" + episodeId + "/1080p.m3u8"),
                Map.of("height", 540, "bitrateKbps", 1750, "url", "/cdn/" + episodeId + "/540p.m3u8")));
        manifest.put("heartbeatIntervalSeconds", 30);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("playbackId", playbackId);
        reply.put("licenseToken", tokens.randomId());
        reply.put("manifest", manifest);
        return Reply.json(HttpResponseStatus.OK, reply);
    }

    public Route.Call heartbeat(RequestView request) {
        String playbackId = request.pathParams().get("playbackId");
        TokenService.Claims claims = tokens.verify(PLAYBACK, playbackId)
                .orElseThrow(() -> HttpProblem.notFound("no playback with that id"));
        if (!claims.subject().startsWith(request.subject() + ":")) {
            throw HttpProblem.notFound("no playback with that id");
        }
        return Route.Call.of(() -> Reply.empty(HttpResponseStatus.NO_CONTENT));
    }
}
