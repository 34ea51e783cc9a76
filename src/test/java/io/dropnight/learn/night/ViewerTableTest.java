package io.dropnight.learn.night;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The viewers seen: each key once, its state kept through the table's growth; a viewer's state as its requests make it. */
class ViewerTableTest {
    @Test
    void eachKeyIsHeldOnceWithItsStateThroughGrowth() {
        ViewerTable table = new ViewerTable();
        SplittableRandom random = new SplittableRandom(3);
        long[] keys = new long[200_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong() | 1;
            int slot = table.slot(keys[i], ViewerState.first(i));
            assertTrue(table.isNew());
            table.state(slot, ViewerState.after(table.state(slot), 3, i, false));
        }
        assertEquals(keys.length, table.size());
        assertTrue(table.capacity() <= 2 * keys.length / 0.75 && table.capacity() >= keys.length / 0.75, "at most three quarters full");
        for (int i = 0; i < keys.length; i += 997) {
            int slot = table.slot(keys[i], 0);
            assertFalse(table.isNew());
            assertEquals(i, ViewerState.firstSecond(table.state(slot)));
            assertEquals(1, ViewerState.requests(table.state(slot)));
        }
        long[] sum = {0};
        table.forEachState(s -> sum[0] += ViewerState.requests(s));
        assertEquals(keys.length, sum[0]);
    }

    @Test
    void askingTheSameEndpointRightAfterAnErrorIsARefreshAndEndingOnOneIsGivingUp() {
        long s = ViewerState.first(-30);
        s = ViewerState.after(s, 1, -30, false);
        s = ViewerState.after(s, 2, -29, true);
        assertTrue(ViewerState.sawError(s) && ViewerState.gaveUp(s) && !ViewerState.refreshed(s));
        s = ViewerState.after(s, 2, 1, false);
        assertTrue(ViewerState.refreshed(s) && !ViewerState.gaveUp(s) && ViewerState.askedAfterDrop(s));
        assertEquals(-30, ViewerState.firstSecond(s));
        assertEquals(3, ViewerState.requests(s));
        long other = ViewerState.after(ViewerState.after(ViewerState.first(0), 2, 0, true), 1, 1, false);
        assertFalse(ViewerState.refreshed(other), "after an error, another endpoint is not a refresh");
        assertEquals(-5, ViewerState.firstSecond(ViewerState.withFirstSecond(other, -5)));
        assertEquals(2, ViewerState.requests(ViewerState.withFirstSecond(other, -5)));
    }

    @Test
    void requestsSaturateInsteadOfSpillingIntoTheFlags() {
        long s = ViewerState.first(7);
        for (int i = 0; i < (1 << 20) + 5; i++) {
            s = ViewerState.after(s, 4, 7, false);
        }
        assertEquals((1 << 20) - 1, ViewerState.requests(s));
        assertEquals(7, ViewerState.firstSecond(s));
        assertEquals(4, ViewerState.lastEndpoint(s));
        assertFalse(ViewerState.sawError(s));
    }
}
