package io.dropnight.simulations.journey;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** #{userId} across sharded injectors: each numbers its users from 1, the night's viewers never share one. */
class ViewerIdsTest {
    @Test
    void oneInjectorKeepsGatlingsNumbers() {
        ViewerIds one = new ViewerIds(0, 1);
        assertEquals(1, one.of(1));
        assertEquals(620, one.of(620));
    }

    @Test
    void threeInjectorsInterleaveAndNeverCollide() {
        Set<Long> seen = new HashSet<>();
        for (int injector = 0; injector < 3; injector++) {
            ViewerIds ids = new ViewerIds(injector, 3);
            for (long user = 1; user <= 1000; user++) {
                assertTrue(seen.add(ids.of(user)), "viewer " + ids.of(user) + " twice");
            }
        }
        assertEquals(3000, seen.size());
        assertEquals(1L, seen.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertEquals(3000L, seen.stream().mapToLong(Long::longValue).max().orElseThrow(), "the numbers 1..3000, no gap");
        assertThrows(IllegalArgumentException.class, () -> new ViewerIds(3, 3));
    }
}
