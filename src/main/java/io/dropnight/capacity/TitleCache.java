package io.dropnight.capacity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The modelled title-metadata cache: which keys are fresh until when, and (with single-flight)
 * which keys are being fetched and who waits on each fetch. Every keyed lookup counts as exactly
 * one of hit, miss or coalesced.
 *
 * <p>Confined to the model's thread; only the counters may be read from elsewhere.
 */
final class TitleCache {

    /** What a lookup found. */
    enum Lookup {
        /** Fresh: costs the normal service time. */
        HIT,
        /** Cold or expired: this request fetches, at the miss cost, and fills the key. */
        MISS,
        /** Single-flight only: a fetch for the key is running; wait for it instead of fetching. */
        FOLLOW
    }

    private final Map<String, Long> expiresAtNanos = new HashMap<>();
    private final Map<String, List<Job>> fetching = new HashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();

    Lookup lookup(String key, long nowNanos, CacheModel model) {
        Long expires = expiresAtNanos.get(key);
        if (expires != null && expires > nowNanos) {
            hits.incrementAndGet();
            return Lookup.HIT;
        }
        if (model.singleFlight()) {
            if (fetching.containsKey(key)) {
                coalesced.incrementAndGet();
                return Lookup.FOLLOW;
            }
            fetching.put(key, new ArrayList<>());
        }
        misses.incrementAndGet();
        return Lookup.MISS;
    }

    /** Parks a follower on the running fetch for {@code key} (after {@link Lookup#FOLLOW}). */
    void park(String key, Job follower) {
        fetching.get(key).add(follower);
    }

    /** A fetch finished: the key is fresh for one TTL. Returns the followers that waited on it. */
    List<Job> fill(String key, long nowNanos, CacheModel model) {
        expiresAtNanos.put(key, nowNanos + model.ttl().toNanos());
        List<Job> followers = fetching.remove(key);
        return followers == null ? List.of() : followers;
    }

    /** The drop instant: the featured keys turn cold, or fresh when the cache is pre-warmed. */
    void onDrop(Iterable<String> featuredKeys, long nowNanos, CacheModel model) {
        for (String key : featuredKeys) {
            if (model.prewarm()) {
                expiresAtNanos.put(key, nowNanos + model.ttl().toNanos());
            } else {
                expiresAtNanos.remove(key);
            }
        }
    }

    /** Removes and returns every parked follower (shutdown). */
    List<Job> drainFollowers() {
        List<Job> all = new ArrayList<>();
        fetching.values().forEach(all::addAll);
        fetching.clear();
        return all;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    long coalesced() {
        return coalesced.get();
    }
}
