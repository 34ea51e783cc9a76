package io.dropnight.simulations.slo;

import io.dropnight.simulations.journey.ViewerBound;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rest of a night is bounded per population by its planned viewers, what one can do, what it has sent and the time left. */
class RestOfNightTest {
    /** 200 viewers polling every 3 s, 10 requests besides; 500 viewers of 7 requests, two outcomes each. */
    private static final RestOfNight NIGHT = new RestOfNight(List.of(
            new RestOfNight.Part("night/waiting", OptionalLong.of(200), new ViewerBound(10, Optional.of(Duration.ofSeconds(3)), Optional.empty(), 1)),
            new RestOfNight.Part("night/arrivals", OptionalLong.of(500), new ViewerBound(7, Optional.empty(), Optional.empty(), 2))),
            Duration.ofSeconds(100), Duration.ofSeconds(100));

    @Test
    void atTheStartEveryPlannedViewerCanStillSendItsWholeJourney() {
        // waiting: 200 x (10 + 100/3 + 1 polls) = 8,800; arrivals: 500 x 7 = 3,500
        assertEquals(SloLoss.Remaining.atMost(8_800 + 3_500, 200 + 1_000), NIGHT.remaining(Duration.ZERO, Map.of(), 0));
    }

    @Test
    void laterTheLeastOfWhatIsUnsentAndWhatTheTimeLeftAllowsCounts() {
        // at +70 s: waiting has sent 3,000 of 8,800, but with 30 s left one sends at most 10 + 11 = 21 (4,200);
        // arrivals sent 1,000 of 3,500 (2,500 left; 3,500 from now)
        SloLoss.Remaining r = NIGHT.remaining(Duration.ofSeconds(70), Map.of("night/waiting", 3_000L, "night/arrivals", 1_000L), 450);
        assertEquals(SloLoss.Remaining.atMost(4_200 + 2_500, 1_200 - 450), r);
        // more counted than a whole night allows (never, but never negative either)
        assertEquals(OptionalLong.of(4_200), NIGHT.remaining(Duration.ofSeconds(70), Map.of("night/waiting", 3_000L,
                "night/arrivals", 9_000L), 2_000).requestsAtMost());
        assertEquals(OptionalLong.of(0), NIGHT.remaining(Duration.ZERO, Map.of(), 2_000).intentsAtMost());
    }

    @Test
    void aClosedModelOrAnUnboundedJourneyLeavesItsBoundUnknown() {
        RestOfNight live = new RestOfNight(List.of(NIGHT.populations().get(1),
                new RestOfNight.Part("night/audience", OptionalLong.empty(), new ViewerBound(3, Optional.empty(), Optional.of(Duration.ofSeconds(30)), 1))),
                Duration.ofSeconds(100), Duration.ofSeconds(60));
        assertEquals(SloLoss.Remaining.UNKNOWN, live.remaining(Duration.ZERO, Map.of(), 0));
        RestOfNight tight = new RestOfNight(List.of(NIGHT.populations().get(1),
                new RestOfNight.Part("night/pollers", OptionalLong.of(5), new ViewerBound(3, Optional.of(Duration.ZERO), Optional.empty(), 1))),
                Duration.ofSeconds(100), Duration.ofSeconds(100));
        assertEquals(new SloLoss.Remaining(OptionalLong.empty(), OptionalLong.of(1_005)), tight.remaining(Duration.ZERO, Map.of(), 0));
    }
}
