package io.dropnight.simulations.journey;

import io.dropnight.profile.Accounts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accounts handed to arriving viewers, by strategy. */
class AccountFeederTest {
    private static Accounts accounts(Accounts.Strategy strategy) {
        return new Accounts(Path.of("a.csv"), strategy, List.of("username"),
                List.of(Map.of("username", "ada"), Map.of("username", "bob"), Map.of("username", "cy")));
    }

    private static List<Object> take(AccountFeeder f, int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.next().get("username"));
        }
        return out;
    }

    @Test
    void aQueueHandsEachRowOnceThenIsDry() {
        AccountFeeder f = new AccountFeeder(accounts(Accounts.Strategy.QUEUE), 1);
        assertEquals(List.of("ada", "bob", "cy"), take(f, 3));
        assertFalse(f.hasNext());
        assertThrows(NoSuchElementException.class, f::next);
    }

    @Test
    void circularStartsAgainAndRandomRepeatsWithItsSeed() {
        assertEquals(List.of("ada", "bob", "cy", "ada"), take(new AccountFeeder(accounts(Accounts.Strategy.CIRCULAR), 1), 4));
        List<Object> random = take(new AccountFeeder(accounts(Accounts.Strategy.RANDOM), 7), 30);
        assertEquals(random, take(new AccountFeeder(accounts(Accounts.Strategy.RANDOM), 7), 30), "the same seed, the same night");
        assertTrue(random.containsAll(List.of("ada", "bob", "cy")), random.toString());
    }
}
