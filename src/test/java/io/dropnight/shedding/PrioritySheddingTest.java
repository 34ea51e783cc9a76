package io.dropnight.shedding;

import io.dropnight.core.Endpoint;
import io.dropnight.capacity.CapacityModel;
import io.dropnight.capacity.OpenWorkload;
import io.dropnight.capacity.VirtualBackend;
import io.dropnight.capacity.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static io.dropnight.capacity.Models.seconds;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Release night's browse surge against the default capacity model at a 1:4 scale, in virtual time:
 * a 12x surge of home and search traffic must not take playback down.
 */
class PrioritySheddingTest {
    private static final long SEED = 20261124L;
    /** Normal evening mix as shares of capacity (45% utilisation in all). */
    private static final Map<Endpoint, Double> BASELINE = Map.of(
            Endpoint.PLAYBACK_START, 0.05, Endpoint.HEARTBEAT, 0.05, Endpoint.SESSION, 0.05,
            Endpoint.TITLE, 0.05, Endpoint.HOME, 0.10, Endpoint.PAGE_HOME, 0.05, Endpoint.SEARCH, 0.10);
    private static final double SURGE = 12;

    private static OpenWorkload surge(OverloadPolicy policy) {
        VirtualClock clock = new VirtualClock();
        CapacityModel model = CapacityModel.defaults().withScale(0.25);
        VirtualBackend backend = new VirtualBackend(policy, model, clock, SEED);
        double capacityPerSecond = (double) backend.describe().get("capacityPerSecond");
        OpenWorkload w = new OpenWorkload(clock, backend, SEED + 1);
        BASELINE.forEach((endpoint, share) -> {
            double factor = endpoint.priority().rank() >= 2 ? SURGE : 1;
            w.offer(endpoint, share * factor * capacityPerSecond, seconds(30));
        });
        return w.drain();
    }

    @Test
    void playbackStartStaysAvailableUnderATwelvefoldBrowseSurge() {
        OpenWorkload w = surge(OverloadPolicy.PRIORITY);
        double playback = w.tally(Endpoint.PLAYBACK_START).availability();
        double heartbeat = w.tally(Endpoint.HEARTBEAT).availability();
        assertTrue(playback >= 0.995, String.format(Locale.ROOT, "playback-start availability %.4f", playback));
        assertTrue(heartbeat >= 0.995, String.format(Locale.ROOT, "heartbeat availability %.4f", heartbeat));
        assertTrue(w.tally(Endpoint.TITLE).availability() > 0.95, "title mostly served");
    }

    @Test
    void shedsSearchBeforeHomeBeforeTitleBeforePlayback() {
        OpenWorkload w = surge(OverloadPolicy.PRIORITY);
        double search = w.tally(Endpoint.SEARCH).availability();
        double home = w.tally(Endpoint.HOME).availability();
        double title = w.tally(Endpoint.TITLE).availability();
        double playback = w.tally(Endpoint.PLAYBACK_START).availability();
        String all = String.format(Locale.ROOT, "search %.3f home %.3f title %.3f playback %.3f", search, home, title, playback);
        assertTrue(search < home && home < title && title <= playback, all);
        assertTrue(w.tally(Endpoint.SEARCH).rejected > 0 && w.tally(Endpoint.HOME).rejected > 0, all);
    }

    @Test
    void fixedPolicyLetsTheSurgeTakePlaybackDown() {
        OpenWorkload w = surge(OverloadPolicy.FIXED);
        double playback = w.tally(Endpoint.PLAYBACK_START).availability();
        assertTrue(playback < 0.9, String.format(Locale.ROOT, "without priorities playback gets %.3f", playback));
    }
}
