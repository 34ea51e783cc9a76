package io.dropnight.reliability;

import io.dropnight.reliability.load.Arrivals;
import io.dropnight.reliability.load.OpenLoadGenerator;
import io.dropnight.reliability.load.OverloadBench;
import io.dropnight.reliability.load.Target;
import io.dropnight.reliability.load.TargetResult;
import io.dropnight.testing.RunningService;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A modelled backend slowdown or outage, injected through {@code POST /admin/fault} while an
 * open-model load runs at 80 % of the healthy capacity: the service sheds the excess with fast
 * error pages instead of piling requests up (no client ever times out), and recovers when the
 * fault is cleared.
 */
@Tag("overload")
class BackendFaultTest {
    private static final Duration PHASE = Duration.ofSeconds(2);

    @TempDir
    Path runRoot;

    @Test
    void shedsInsteadOfPilingUpUnderASlowdownAndAnOutageThenRecovers() throws Exception {
        ResourceLeakDetector.Level leakLevel = ResourceLeakDetector.getLevel();
        // Sampled, not paranoid, while load runs: see OverloadTest.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try (RunningService service = OverloadBench.start(runRoot, "fixed");
             OpenLoadGenerator load = new OpenLoadGenerator(service.address(), OverloadBench.CLIENT_TIMEOUT, 2_000)) {
            String token = RawHttp.post(service.address(), "/api/session", null, "{}").body()
                    .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            Target home = new Target("home", "GET", "/api/home", token, 0.8 * OverloadBench.CAPACITY);

            load.run(List.of(home.withRate(OverloadBench.CAPACITY / 2)), Duration.ofSeconds(1), Arrivals.Shape.FIXED, 0);
            TargetResult healthy = load.run(List.of(home), PHASE, Arrivals.Shape.FIXED, 1).get(0);
            assertTrue(healthy.availability() > 0.97, "healthy at 0.8x capacity: " + summary(healthy));

            fault(service, "{\"slowdown\":5}");
            TargetResult slow = load.run(List.of(home), PHASE, Arrivals.Shape.FIXED, 2).get(0);
            double slowCapacity = OverloadBench.CAPACITY / 5;
            double goodput = slow.ok() / (PHASE.toNanos() / 1e9);
            assertEquals(0, slow.timeouts(), "nothing piles up until clients give up: " + summary(slow));
            assertTrue(goodput >= 0.8 * slowCapacity, "still serving what the slowed backend can: " + summary(slow));
            assertTrue(slow.errorPages() > 0.5 * slow.offered(), "the excess is shed: " + summary(slow));
            WireHygiene.assertServesNormalClient(service.address());

            fault(service, "{\"outage\":true}");
            TargetResult outage = load.run(List.of(home), PHASE, Arrivals.Shape.FIXED, 3).get(0);
            assertEquals(outage.offered(), outage.errorPages(), "an outage fails every request fast: " + summary(outage));
            assertTrue(outage.errorPageLatencyMicros().getValueAtPercentile(99) < 50_000,
                    "outage error pages are fast: " + summary(outage));
            assertEquals(200, RawHttp.get(service.address(), "/metrics", null).status(), "still observable");

            fault(service, "{\"slowdown\":1,\"outage\":false}");
            TargetResult recovered = load.run(List.of(home), PHASE, Arrivals.Shape.FIXED, 4).get(0);
            assertTrue(recovered.availability() > 0.97, "recovers once the fault is cleared: " + summary(recovered));
        } finally {
            ResourceLeakDetector.setLevel(leakLevel);
        }
    }

    private static void fault(RunningService service, String json) throws Exception {
        RawHttp.Response r = RawHttp.post(service.address(), "/admin/fault", RunningService.ADMIN_TOKEN, json);
        assertEquals(200, r.status(), r::body);
    }

    private static String summary(TargetResult r) {
        return String.format(java.util.Locale.ROOT, "offered %d, ok %d, error pages %d, timeouts %d, other %d, "
                        + "ok p99 %.1f ms, error page p99 %.1f ms", r.offered(), r.ok(), r.errorPages(), r.timeouts(),
                r.otherStatus() + r.connectionErrors() + r.overflow(),
                r.okLatencyMicros().getValueAtPercentile(99) / 1000.0,
                r.errorPageLatencyMicros().getValueAtPercentile(99) / 1000.0);
    }
}
