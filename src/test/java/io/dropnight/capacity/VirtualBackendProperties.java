package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.shedding.OverloadPolicy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the virtual backend for any policy, size and burst (fixed seeds: reproducible). */
class VirtualBackendProperties {

    @Property(tries = 200, seed = "20261124")
    void everyRequestGetsExactlyOneVerdictAndBoundedPoliciesStayBounded(
            @ForAll OverloadPolicy policy,
            @ForAll @IntRange(min = 1, max = 8) int slots,
            @ForAll @IntRange(min = 0, max = 16) int queueLimit,
            @ForAll @IntRange(min = 1, max = 300) int requests,
            @ForAll @LongRange(min = 0, max = 1_000) long seed) {
        VirtualClock clock = new VirtualClock();
        VirtualBackend backend = new VirtualBackend(policy, Models.uniform(slots, queueLimit, "exp:5ms"), clock, seed);
        List<Verdict> verdicts = new ArrayList<>();
        Endpoint[] endpoints = {Endpoint.SEARCH, Endpoint.HOME, Endpoint.TITLE, Endpoint.PLAYBACK_START};
        for (int i = 0; i < requests; i++) {
            final int n = i;
            clock.schedule(() -> backend.serve(endpoints[n % 4], "title:" + (n % 3), Runnable::run, verdicts::add), i * 500_000L);
        }
        int maxInSystem = 0;
        while (clock.pending() > 0) {
            clock.runUntil(clock.nanoTime() + 250_000);
            Map<String, Object> d = backend.describe();
            int busy = (int) d.get("busySlots");
            maxInSystem = Math.max(maxInSystem, busy + (int) d.get("queued"));
            assertTrue(busy <= slots, "never more busy slots than slots: " + busy);
        }
        assertEquals(requests, verdicts.size(), "one verdict per request");
        assertEquals(requests, VirtualBackendTest.count(verdicts, Verdict.SERVED) + VirtualBackendTest.count(verdicts, Verdict.REJECTED));
        if (policy != OverloadPolicy.NONE) {
            assertTrue(maxInSystem <= slots + queueLimit, "in system " + maxInSystem);
        } else {
            assertEquals(0, VirtualBackendTest.count(verdicts, Verdict.REJECTED));
        }
        assertEquals(0, backend.describe().get("inFlight"), "every permit released");
    }

    @Property(tries = 20, seed = "7")
    void sameSeedSameRun(@ForAll OverloadPolicy policy, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        assertEquals(run(policy, seed), run(policy, seed));
    }

    private static List<Long> run(OverloadPolicy policy, long seed) {
        VirtualClock clock = new VirtualClock();
        VirtualBackend backend = new VirtualBackend(policy, Models.uniform(4, 4, "lognormal:5ms:30ms"), clock, seed);
        OpenWorkload.Tally t = new OpenWorkload(clock, backend, seed).offer(Endpoint.HOME, 1_500, Models.seconds(1))
                .drain().total();
        return List.of(t.offered, t.served, t.rejected, t.latencySumNanos, clock.nanoTime());
    }
}
