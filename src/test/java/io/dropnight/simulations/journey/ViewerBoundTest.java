package io.dropnight.simulations.journey;

import io.dropnight.simulations.nights.Journey;
import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The most one viewer can send is read off its journey, step by step, as Journeys and Steps walk it. */
class ViewerBoundTest {
    private static final TargetProfile BUILT_IN = TargetProfile.builtIn();
    private static final Duration LONG = Duration.ofHours(1);

    /** A group of three calls, an optional row, a licence before play, a manifest after it (refreshed), no locked answer. */
    private static final TargetProfile RICH = ProfileReader.parse("bound.yml", """
            name: bound
            hosts: { cdn: http://cdn.example.internal }
            steps:
              - name: home
                request: { path: /home }
                capture: { titleId: { json: id }, finalEpisodeId: { json: final } }
              - name: artwork
                parallel: [ { host: cdn, path: /a.jpg }, { host: cdn, path: /b.jpg }, { host: cdn, path: /c.jpg } ]
              - name: rows
                optional: true
                request: { path: /rows }
              - name: title
                role: wait-for-drop
                every: 2-4s
                request: { path: '/titles/#{titleId}' }
              - name: license
                request: { method: POST, path: '/license/#{episodeId}' }
              - name: play
                role: play
                request: { method: POST, path: '/play/#{episodeId}' }
              - name: manifest
                request: { path: /manifest }
            errorPage: { statuses: [503] }
            """, name -> null);

    private static Population population(Journey journey, int episodes, int heartbeats) {
        return new Population("night/" + journey.label(), journey, List.of(Phase.ramp("all", 10, Duration.ofSeconds(10))), episodes,
                heartbeats, Duration.ofSeconds(30));
    }

    @Test
    void aPlayNowViewerOfTheBuiltInJourneySendsItsStepsItsLockedWaitsItsHeartbeatsAndItsRefreshes() {
        ViewerBound b = ViewerBound.of(BUILT_IN, population(Journey.PLAY_NOW, 3, 3), 5);
        // session, home, title, play with 120 locked waits, 3 heartbeats, 5 refreshes; one stream, whatever episodes say
        assertEquals(1 + 1 + 1 + (1 + Steps.MAX_LOCKED_WAITS) + 3 + 5, b.requests());
        assertEquals(1, b.outcomes());
        assertEquals(OptionalLong.of(b.requests()), b.requestsAtMost(LONG, LONG), "no loop that only time bounds");
    }

    @Test
    void aWaitingViewerPollsAtMostOncePerShortestPauseInTheTimeLeft() {
        ViewerBound b = ViewerBound.of(BUILT_IN, population(Journey.WAIT_FOR_DROP, 2, 2), 4);
        // session and home, the title, then two episodes of play (and its locked waits) and 2 heartbeats, 4 refreshes
        assertEquals(2 + 1 + 2 * ((1 + Steps.MAX_LOCKED_WAITS) + 2) + 4, b.requests());
        assertEquals(2, b.outcomes());
        assertEquals(Optional.of(Duration.ofSeconds(3)), b.pollEvery(), "the built-in title is polled every 3-6 s");
        // 30 s left: a poll under way, then one per 3 s at most
        assertEquals(OptionalLong.of(b.requests() + 11), b.requestsAtMost(Duration.ofSeconds(30), LONG));
        assertEquals(OptionalLong.of(b.requests() + 1), b.requestsAtMost(Duration.ofSeconds(-5), LONG), "past the hard stop");
    }

    @Test
    void aBingeWatcherRepeatsEverythingFromTheTitleToItsHeartbeatsPerEpisode() {
        ViewerBound one = ViewerBound.of(BUILT_IN, population(Journey.BINGE, 1, 2), 0);
        ViewerBound three = ViewerBound.of(BUILT_IN, population(Journey.BINGE, 3, 2), 0);
        assertEquals(2 * ((1 + Steps.MAX_LOCKED_WAITS) + 2), three.requests() - one.requests());
        assertEquals(3, three.outcomes());
    }

    @Test
    void aLiveViewerSendsHeartbeatsUntilTheEventEndsOrTheNightIsStopped() {
        ViewerBound b = ViewerBound.of(BUILT_IN, population(Journey.LIVE, 1, 0), 0);
        assertEquals(Optional.of(Duration.ofSeconds(30)), b.heartbeatEvery());
        assertEquals(OptionalLong.of(b.requests() + 4), b.requestsAtMost(LONG, Duration.ofSeconds(95)));
        assertEquals(OptionalLong.of(b.requests() + 2), b.requestsAtMost(Duration.ofSeconds(40), Duration.ofSeconds(95)));
    }

    @Test
    void groupsOptionalStepsAndAStepAfterPlayAreCountedAsTheyAreMade() {
        ViewerBound b = ViewerBound.of(RICH, population(Journey.PLAY_NOW, 1, 3), 2);
        // home, the group's 3 calls, the optional row, title, licence, play (no locked answer), manifest;
        // no heartbeat step: none sent; 2 refreshes
        assertEquals(1 + 3 + 1 + 1 + 1 + 1 + 1 + 2, b.requests());
        // a viewer can give up on the manifest after its stream started: two outcomes for one intent
        assertEquals(2, b.outcomes());
        assertEquals(Optional.of(Duration.ofSeconds(2)), ViewerBound.of(RICH, population(Journey.WAIT_FOR_DROP, 1, 0), 0).pollEvery());
    }

    @Test
    void aPollWithoutPauseHasNoBound() {
        assertEquals(OptionalLong.empty(), new ViewerBound(5, Optional.of(Duration.ZERO), Optional.empty(), 1).requestsAtMost(LONG, LONG));
        assertThrows(IllegalArgumentException.class, () -> ViewerBound.of(BUILT_IN, population(Journey.PLAY_NOW, 1, 0), -1));
    }

    @Test
    void aReservingViewerSendsItsSessionTheScreeningsAHoldAndAConfirmPerTryAtMostAndItsRefreshes() {
        ViewerBound b = ViewerBound.of(BUILT_IN, population(Journey.RESERVE, 1, 0), 4);
        // session 1, screenings 1, 20 tries (the vocabulary's most) of hold and confirm, 4 refreshes
        assertEquals(1 + 1 + 2 * 20 + 4, b.requests());
        assertEquals(1, b.outcomes());
        assertEquals(java.util.OptionalLong.of(46), b.requestsAtMost(LONG, LONG), "no loop bound by time");
    }
}
