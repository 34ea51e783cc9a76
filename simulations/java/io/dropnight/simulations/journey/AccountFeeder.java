package io.dropnight.simulations.journey;

import io.dropnight.profile.Accounts;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Hands this injector's accounts to its viewers, one row each as they arrive, by the profile's
 * strategy. One instance serves every population of the night (a queue shared by the viewers who
 * wait for the drop and those who arrive at it), so no account is handed out twice by a queue;
 * Gatling's {@code feed} calls it from several threads, hence synchronized. A queue that runs dry
 * ends the night as Gatling ends one on an empty feeder, which the count checked before the night
 * rules out.
 */
public final class AccountFeeder implements Iterator<Map<String, Object>> {
    private final List<Map<String, Object>> rows;
    private final Accounts.Strategy strategy;
    private final SplittableRandom random;
    private int next;

    /** @param seed the random strategy's seed (the night's seed and the injector), so that a night repeats */
    public AccountFeeder(Accounts accounts, long seed) {
        this.rows = accounts.rows().stream().map(r -> Map.<String, Object>copyOf(r)).toList();
        this.strategy = accounts.strategy();
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized boolean hasNext() {
        return strategy != Accounts.Strategy.QUEUE || next < rows.size();
    }

    @Override
    public synchronized Map<String, Object> next() {
        return switch (strategy) {
            case QUEUE -> {
                if (next >= rows.size()) {
                    throw new NoSuchElementException("every account of the queue is in use");
                }
                yield rows.get(next++);
            }
            case CIRCULAR -> rows.get(next++ % rows.size());
            case RANDOM -> rows.get(random.nextInt(rows.size()));
        };
    }
}
