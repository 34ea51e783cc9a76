package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.core.ConfigException;
import io.dropnight.shedding.OverloadPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Locale;

import static io.dropnight.capacity.Models.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slowdowns and outages injected for reliability rehearsals. */
class FaultInjectionTest {
    /** 16 slots at 10 ms: 1,600/s; at 4x slower, 400/s. */
    private static final CapacityModel MODEL = Models.uniform(16, 32, "exp:10ms");

    private final VirtualClock clock = new VirtualClock();

    @ParameterizedTest
    @EnumSource(value = OverloadPolicy.class, names = {"FIXED", "PRIORITY", "ADAPTIVE"})
    void slowdownShedsInsteadOfPilingUp(OverloadPolicy policy) {
        VirtualBackend backend = new VirtualBackend(policy, MODEL, clock, 5);
        backend.setFault(4.0, false);
        OpenWorkload w = new OpenWorkload(clock, backend, 6);
        w.offer(Endpoint.PLAYBACK_START, 0.8 * 1600, seconds(20));
        int maxQueued = 0;
        for (int ms = 100; ms <= 20_000; ms += 100) {
            clock.runUntil(seconds(ms / 1000.0));
            maxQueued = Math.max(maxQueued, (int) backend.describe().get("queued"));
        }
        OpenWorkload.Tally t = w.drain().total();
        double rejectedShare = (double) t.rejected / t.offered;
        // 1,280/s offered to 400/s of capacity: about 69% must go.
        assertEquals(1 - 400.0 / 1280, rejectedShare, 0.05, "rejected share");
        assertTrue(maxQueued <= 32, "queue stays bounded: " + maxQueued);
        assertTrue(t.servedNanos.getValueAtPercentile(99) < seconds(0.5), String.format(Locale.ROOT,
                "p99 %.1f ms", t.servedNanos.getValueAtPercentile(99) / 1e6));
        assertEquals(400.0, (double) backend.describe().get("capacityPerSecond"), 0.1);
    }

    @Test
    void slowdownWithoutAPolicyPilesUp() {
        VirtualBackend backend = new VirtualBackend(OverloadPolicy.NONE, MODEL, clock, 5);
        backend.setFault(4.0, false);
        OpenWorkload.Tally t = new OpenWorkload(clock, backend, 6)
                .offer(Endpoint.PLAYBACK_START, 0.8 * 1600, seconds(5)).drain().total();
        assertEquals(0, t.rejected);
        assertTrue(t.servedNanos.getMaxValue() > seconds(5), "late requests wait longer than the whole run");
    }

    @Test
    void adaptiveLimitFallsWhenTheBackendSlowsDown() {
        VirtualBackend backend = new VirtualBackend(OverloadPolicy.ADAPTIVE, MODEL, clock, 5);
        OpenWorkload w = new OpenWorkload(clock, backend, 6);
        w.offer(Endpoint.TITLE, 1.5 * 1600, seconds(20));
        clock.runUntil(seconds(10));
        int before = (int) backend.describe().get("currentLimit");
        backend.setFault(4.0, false);
        int lowest = before;
        for (int ms = 10_010; ms <= 12_000; ms += 10) {
            clock.runUntil(seconds(ms / 1000.0));
            lowest = Math.min(lowest, (int) backend.describe().get("currentLimit"));
        }
        w.drain();
        assertTrue(lowest < before, "limit " + before + " fell to " + lowest);
        assertTrue(lowest >= 16, "never below the slots: " + lowest);
    }

    @Test
    void outageFailsEveryRequestAtOnceAndClearingItRestoresService() {
        VirtualBackend backend = new VirtualBackend(OverloadPolicy.FIXED, MODEL, clock, 5);
        backend.setFault(1.0, true);
        List<Verdict> verdicts = VirtualBackendTest.burst(backend, 10);
        assertEquals(10, VirtualBackendTest.count(verdicts, Verdict.FAILED), "answered before any model time passes");
        assertEquals(0, clock.pending());
        assertEquals(10L, backend.describe().get("failed"));

        backend.setFault(1.0, false);
        List<Verdict> after = VirtualBackendTest.burst(backend, 10);
        clock.runUntilIdle();
        assertEquals(10, VirtualBackendTest.count(after, Verdict.SERVED));
    }

    @Test
    void slowdownFactorMustBePositive() {
        VirtualBackend backend = new VirtualBackend(OverloadPolicy.FIXED, MODEL, clock, 5);
        ConfigException e = assertThrows(ConfigException.class, () -> backend.setFault(0, false));
        assertTrue(e.getMessage().startsWith("fault.slowdown-factor = 0.0: must be"), e.getMessage());
    }
}
