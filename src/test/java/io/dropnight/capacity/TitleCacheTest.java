package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.shedding.OverloadPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dropnight.capacity.Models.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The title-metadata cache: cold at the drop, the stampede, single-flight and pre-warming. */
class TitleCacheTest {
    private static final String FEATURED = "title:42";

    private final VirtualClock clock = new VirtualClock();
    private final List<Long> latencies = new ArrayList<>();

    private VirtualBackend backend(boolean singleFlight, boolean prewarm) {
        CapacityModel model = Models.uniform(64, 1000, "fixed:10ms").withCache(Models.cache(8, singleFlight, prewarm));
        return new VirtualBackend(OverloadPolicy.FIXED, model, clock, 3);
    }

    private void concurrent(VirtualBackend backend, String key, int n) {
        long start = clock.nanoTime();
        for (int i = 0; i < n; i++) {
            backend.serve(Endpoint.TITLE, key, Runnable::run, v -> latencies.add(clock.nanoTime() - start));
        }
    }

    /** Warms {@code key}, then marks the drop: the state a release night starts in. */
    private void warmThenDrop(VirtualBackend backend) {
        concurrent(backend, FEATURED, 1);
        clock.runUntilIdle();
        latencies.clear();
        backend.onDrop(List.of(FEATURED));
        clock.runUntilIdle();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cache(VirtualBackend backend) {
        return (Map<String, Object>) backend.describe().get("cache");
    }

    @Test
    void coldFeaturedKeyAtTheDropMakesEveryConcurrentRequestPayTheMissCost() {
        VirtualBackend backend = backend(false, false);
        warmThenDrop(backend);
        concurrent(backend, FEATURED, 20);
        clock.runUntilIdle();
        assertEquals(List.of(seconds(0.08)), latencies.stream().distinct().toList(), "8 x 10 ms each");
        assertEquals(21L, cache(backend).get("misses"), "the stampede: 20 misses after the warm-up's one");

        latencies.clear();
        concurrent(backend, FEATURED, 5);
        clock.runUntilIdle();
        assertEquals(List.of(seconds(0.01)), latencies.stream().distinct().toList(), "hits after the fill");
        assertEquals(5L, cache(backend).get("hits"));
    }

    @Test
    void singleFlightFetchesOncePerKeyAndFollowersPayOnlyTheHitCost() {
        VirtualBackend backend = backend(true, false);
        warmThenDrop(backend);
        concurrent(backend, FEATURED, 20);
        clock.runUntil(clock.nanoTime() + seconds(0.04));
        assertEquals(1, backend.describe().get("busySlots"), "followers hold no slot while the fetch runs");
        clock.runUntilIdle();

        assertEquals(2L, cache(backend).get("misses"), "one backend fetch for the drop (plus the warm-up)");
        assertEquals(19L, cache(backend).get("coalesced"));
        assertEquals(seconds(0.08), latencies.get(0));
        assertEquals(List.of(seconds(0.09)), latencies.subList(1, 20).stream().distinct().toList(),
                "followers: the fetch, then their own 10 ms hit");
    }

    @Test
    void prewarmedCacheHasNoMissesAtTheDrop() {
        VirtualBackend backend = backend(false, true);
        backend.onDrop(List.of(FEATURED));
        clock.runUntilIdle();
        concurrent(backend, FEATURED, 20);
        clock.runUntilIdle();
        assertEquals(0L, cache(backend).get("misses"));
        assertEquals(20L, cache(backend).get("hits"));
        assertEquals(List.of(seconds(0.01)), latencies.stream().distinct().toList());
    }

    @Test
    void dropLeavesOtherKeysWarmAndEntriesExpireAfterTheirTtl() {
        VirtualBackend backend = backend(false, false);
        concurrent(backend, "title:7", 1);
        clock.runUntilIdle();
        backend.onDrop(List.of(FEATURED));
        concurrent(backend, "title:7", 1);
        clock.runUntilIdle();
        assertEquals(1L, cache(backend).get("hits"), "title:7 is not featured");

        clock.runUntil(clock.nanoTime() + seconds(31));
        concurrent(backend, "title:7", 1);
        clock.runUntilIdle();
        assertEquals(2L, cache(backend).get("misses"), "expired after the 30 s TTL");
    }

    @Test
    void requestsWithoutAKeyNeverTouchTheCache() {
        VirtualBackend backend = backend(false, false);
        concurrent(backend, null, 10);
        clock.runUntilIdle();
        assertEquals(0L, cache(backend).get("misses"));
        assertEquals(0L, cache(backend).get("hits"));
        assertEquals(List.of(seconds(0.01)), latencies.stream().distinct().toList());
    }
}
