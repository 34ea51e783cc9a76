package io.dropnight.simulations.slo;

import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.params.SloThresholds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watch judges the night each check, remembers the first loss with its second, and stops only then. */
class SloWatchTest {
    private static final SloThresholds DEFAULTS = new SloThresholds(800, 3000, 1, 0.5);
    private static final long START = 5_000_000_000L;

    private final AtomicLong clock = new AtomicLong(START);
    private final List<String> console = new ArrayList<>();
    private final List<Duration> readAt = new ArrayList<>();
    /** 1,000 intents planned; the night's abandonments are what the test sets. */
    private final AtomicLong abandonments = new AtomicLong();
    private final SloWatch.Figures figures = sinceStart -> {
        readAt.add(sinceStart);
        long a = abandonments.get();
        return new SloWatch.Reading(new SloLoss.SoFar(10_000, 0, a, 100, 0, 0), SloLoss.Remaining.atMost(50_000, 1_000 - a - 100));
    };

    @Test
    void stopsAtTheFirstCheckThatFindsAnSloLostAndRemembersWhyAndWhen() {
        SloWatch watch = SloWatch.watching(figures, DEFAULTS, clock::get, console::add);
        assertEquals(Optional.empty(), watch.check(), "not started: nothing is read");
        assertTrue(readAt.isEmpty());
        watch.arm(START);

        clock.addAndGet(3_400_000_000L);
        abandonments.set(5); // 5 of 1,000 at most: exactly 0.5 %, not lost
        assertEquals(Optional.empty(), watch.check());
        assertFalse(watch.stopping());

        clock.addAndGet(4_000_000_000L); // +7.4 s
        abandonments.set(6);
        SloWatch.Stop stop = watch.check().orElseThrow();
        assertEquals(7, stop.second());
        assertEquals("abandonment", stop.lost().get(0).slo());
        assertEquals("stopped at +7 s: abandonment lost (6 viewers who gave up already exceed 0.5 % of the 1,000 intents"
                + " the night can end at most)", stop.reason());
        assertTrue(stop.reason().startsWith(VerdictRules.STOPPED));
        assertTrue(watch.stopping());
        assertEquals(Optional.empty(), watch.stopped(), "no viewer has met it yet");
        assertTrue(watch.stopHere(), "the next viewer at a checkpoint stops the load generator");
        assertEquals(Optional.of(stop), watch.stopped());
        assertEquals(List.of(Duration.ofMillis(3_400), Duration.ofMillis(7_400)), readAt, "read with the time since the start");
        assertTrue(console.get(0).startsWith(stop.reason() + "; -Dslo.abortOnFail=true: the injection stops"), console.toString());

        // later checks keep the first stop and read nothing more
        clock.addAndGet(5_000_000_000L);
        abandonments.set(900);
        assertEquals(Optional.of(stop), watch.check());
        assertEquals(2, readAt.size());
        assertEquals(2, watch.checks());
    }

    @Test
    void everySloLostAtOnceIsSaidTheFirstNamedAsTheReason() {
        SloWatch.Figures bad = sinceStart -> new SloWatch.Reading(new SloLoss.SoFar(1_000, 900, 50, 100, 50, 50),
                SloLoss.Remaining.atMost(0, 0));
        SloWatch watch = SloWatch.watching(bad, DEFAULTS, clock::get, console::add);
        watch.arm(START);
        SloWatch.Stop stop = watch.check().orElseThrow();
        assertEquals(0, stop.second());
        assertEquals(List.of("errorPageRate", "abandonment", "playbackStartP99", "timeToPlayP95"),
                stop.lost().stream().map(SloLoss.Lost::slo).toList());
        assertTrue(stop.reason().startsWith("stopped at +0 s: errorPageRate lost ("), stop.reason());
        assertEquals(4, console.size(), console.toString());
        assertTrue(console.get(1).startsWith("  also lost: abandonment: "), console.toString());
    }

    @Test
    void aLossFoundAfterTheLastViewerLeftStopsNothing() {
        List<String> said = new CopyOnWriteArrayList<>();
        SloWatch watch = SloWatch.watching(sinceStart -> new SloWatch.Reading(new SloLoss.SoFar(100, 50, 0, 0, 0, 0),
                SloLoss.Remaining.atMost(0, 10)), DEFAULTS, System::nanoTime, said::add);
        watch.start(System.nanoTime());
        await().atMost(Duration.ofSeconds(10)).until(watch::stopping);
        watch.close();
        assertEquals(Optional.empty(), watch.stopped(), "the night ended before any viewer met the stop");
        assertTrue(said.get(said.size() - 1).startsWith("-Dslo.abortOnFail=true: the night ended by itself before any viewer met"
                + " the stop found at +"), said.toString());
    }

    @Test
    void offItNeverReadsNorStops() {
        SloWatch off = SloWatch.off();
        off.start(START);
        assertEquals(Optional.empty(), off.check());
        assertFalse(off.stopping());
        assertEquals(0, off.checks());
        assertNotNull(off.checkpoint());
        off.close();
        assertThrows(IllegalStateException.class, () -> off.start(START), "started once");
    }

    /** Started, it checks by itself once a second on its own thread, and stops checking when closed. */
    @Test
    void startedItChecksOnItsOwnThreadUntilClosed() {
        List<String> said = new CopyOnWriteArrayList<>();
        AtomicReference<String> thread = new AtomicReference<>();
        SloWatch watch = SloWatch.watching(sinceStart -> {
            thread.set(Thread.currentThread().getName());
            return new SloWatch.Reading(new SloLoss.SoFar(100, 50, 0, 0, 0, 0), SloLoss.Remaining.atMost(0, 10));
        }, DEFAULTS, System::nanoTime, said::add);
        try {
            watch.start(System.nanoTime());
            assertTrue(said.get(0).startsWith("-Dslo.abortOnFail=true: the SLOs are checked each second"), said.toString());
            await().atMost(Duration.ofSeconds(10)).until(watch::stopping);
            assertEquals("dropnight-slo-watch", thread.get());
            String reason = watch.check().orElseThrow().reason(); // the stop found, not read again
            assertTrue(reason.matches("stopped at \\+[1-9][0-9]* s: errorPageRate lost .*"), reason); // its first tick is a second in
        } finally {
            watch.close();
        }
    }

    @Test
    void closedWithoutALossItSaysHowManyChecksFoundNothing() {
        List<String> said = new CopyOnWriteArrayList<>();
        SloWatch watch = SloWatch.watching(sinceStart -> new SloWatch.Reading(new SloLoss.SoFar(100, 0, 0, 10, 0, 0),
                SloLoss.Remaining.atMost(1_000, 100)), DEFAULTS, System::nanoTime, said::add);
        watch.start(System.nanoTime());
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.checks() >= 1);
        watch.close();
        assertTrue(said.get(said.size() - 1).matches("-Dslo.abortOnFail=true: no SLO was lost in [1-9][0-9]* checks; the night ran to its end"),
                said.toString());
        int lines = said.size();
        watch.close();
        assertEquals(lines, said.size(), "said once");
    }

    @Test
    void aFailingReadingIsSaidOnceAndTheNightRunsOn() {
        List<String> said = new CopyOnWriteArrayList<>();
        AtomicLong reads = new AtomicLong();
        SloWatch watch = SloWatch.watching(sinceStart -> {
            reads.incrementAndGet();
            throw new ArithmeticException("long overflow");
        }, DEFAULTS, System::nanoTime, said::add);
        try {
            watch.start(System.nanoTime());
            await().atMost(Duration.ofSeconds(10)).until(() -> said.size() == 2);
            assertEquals("the SLO watch failed (java.lang.ArithmeticException: long overflow); the night runs to its end", said.get(1));
            assertFalse(watch.stopping());
            assertEquals(1, reads.get());
        } finally {
            watch.close();
        }
    }
}
