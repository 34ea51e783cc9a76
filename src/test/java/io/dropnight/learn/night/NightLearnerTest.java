package io.dropnight.learn.night;

import io.dropnight.learn.log.JsonFields;
import io.dropnight.learn.log.LogFileException;
import io.dropnight.learn.log.LogFormat;
import io.dropnight.learn.log.ViewerKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A night learned from a log made to order: its arrivals, populations, mix and statuses; and each bad input in one line. */
public class NightLearnerTest {
    @TempDir
    Path dir;

    public static LearnSettings settings(Path log, String viewer, Optional<Duration> before, Optional<Duration> after, OptionalLong audience) {
        return new LearnSettings(log, LogFormat.COMBINED, ViewerKey.parse(viewer, LogFormat.COMBINED), JsonFields.defaults(),
                SyntheticLog.DROP, before, after, audience, "429,500-599", "premiere");
    }

    public static LearnedNight learn(LearnSettings s) {
        long[] clock = {0};
        return new NightLearner(() -> clock[0] += 1_000_000, () -> 0).learn(s);
    }

    /** 20 s of 2 viewers a second before the drop, a 10 s step of 30 a second, a halving tail, then 1 a second. */
    public static long[] premiere() {
        long[] a = new long[20 + 100];
        for (int i = 0; i < a.length; i++) {
            int t = i - 20;
            a[i] = t < 0 ? 2 : t < 10 ? 30 : t < 40 ? 30 >> ((t - 10) / 10 + 1) : 1;
        }
        return a;
    }

    @Test
    void learnsArrivalsPopulationsTheMixAndTheStatuses() throws Exception {
        long[] arrivals = premiere();
        Path log = new SyntheticLog().arrivals(-20, arrivals, 10).write(dir.resolve("access.log"));
        LearnedNight n = learn(settings(log, "extra:1", Optional.empty(), Optional.empty(), OptionalLong.empty()));
        assertEquals(-20, n.windowFrom());
        assertArrayEquals(Arrays.copyOf(arrivals, n.arrivals().length), n.arrivals(), "a viewer arrives at its first request");
        assertEquals(-20, n.nightStart());
        assertEquals(20, n.dropSeconds());
        assertEquals(LongStream.of(arrivals).sum(), n.audience().logViewers());
        assertEquals(n.audience().logViewers(), n.audience().written());
        assertArrayEquals(n.arrivals(), n.fit().measuredPlanned(), "the measured night plans the log's seconds");

        LearnedNight.LearnedPopulation before = n.populations().get(0);
        assertEquals("before-drop", before.name());
        assertEquals("play-now", before.behaviour(), "they played and left before the drop");
        assertEquals(40, before.viewers());
        assertEquals(List.of(Entry.ramp("gathering", 40, 20)), before.fitted(), "viewers kept arriving until the drop");
        LearnedNight.LearnedPopulation after = n.populations().get(1);
        assertEquals(Entry.Kind.UNTIL_DROP, after.fitted().get(0).kind());
        assertEquals(Entry.ramp("step", 300, 10), after.fitted().get(1), after.fitted().toString());
        assertEquals(Entry.Kind.TAIL, after.fitted().get(2).kind());
        long viewers = LongStream.of(Arrays.copyOfRange(arrivals, 20, arrivals.length)).sum();
        assertEquals(viewers, after.viewers());
        // Every 10th viewer had a 503 on play; every 20th refreshed it, the others gave up on it.
        assertEquals(4, before.sawError(), "viewers 10, 20, 30 and 40");
        assertEquals((40 + viewers) / 10 - 4, after.sawError());
        assertEquals((40 + viewers) / 20 - 2, after.refreshed());
        assertEquals(after.sawError() - after.refreshed(), after.gaveUp());
        LearnedNight.EndpointMix play = after.mix().stream().filter(m -> m.endpoint().equals("POST /v2/watch/{id}")).findFirst().orElseThrow();
        assertEquals(viewers + after.refreshed(), play.requests());
        assertEquals(after.sawError(), play.errorAnswers());
        assertEquals(List.of("POST /v2/watch/{id}", "GET /v2/browse", "GET /v2/shows/{id}"), after.mix().stream().map(LearnedNight.EndpointMix::endpoint).toList());
        LearnedNight.StatusSeen s503 = n.statuses().stream().filter(s -> s.status() == 503).findFirst().orElseThrow();
        assertEquals(before.sawError() + after.sawError(), s503.count());
        assertTrue(n.fit().error() < 0.2, "fit error " + n.fit().error());
    }

    /** gather leaves the last 5 s before the drop calm and stretches with a moved drop: it is kept when the log was calm too. */
    @Test
    void aGatheringThatCalmsBeforeTheDropIsAGatherAndOneThatDoesNotIsARamp() {
        long[] calm = new long[30];
        Arrays.fill(calm, 0, 25, 2);
        assertEquals(List.of(Entry.gather(50)), NightShape.gathering(calm, 30));
        long[] busy = new long[30];
        Arrays.fill(busy, 2);
        assertEquals(List.of(Entry.ramp("gathering", 60, 30)), NightShape.gathering(busy, 30));
    }

    @Test
    void viewersSeenBeforeTheWindowAreNotArrivalsAndTheAudienceRescales() throws Exception {
        Path log = new SyntheticLog().arrivals(-20, premiere(), 0).write(dir.resolve("access.log"));
        LearnedNight n = learn(settings(log, "extra:1", Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(60)),
                OptionalLong.of(1_000_000)));
        assertEquals(-10, n.windowFrom());
        assertEquals(70, n.arrivals().length);
        // Viewers who arrived at -12 and -11 are still asking at -10 and -9: not new.
        assertEquals(2, n.arrivals()[0]);
        assertEquals(1_000_000, n.audience().written());
        long written = n.populations().stream().flatMap(p -> p.measured().stream()).mapToLong(Entry::viewers).sum();
        assertEquals(1_000_000, written, 2, "the measured night brings the audience, rounded once per population");
    }

    @Test
    void theAddressMergesTheViewersBehindIt() throws Exception {
        Path log = new SyntheticLog().arrivals(-20, premiere(), 0).write(dir.resolve("access.log"));
        LearnedNight byHeader = learn(settings(log, "extra:1", Optional.empty(), Optional.empty(), OptionalLong.empty()));
        LearnedNight byAddress = learn(settings(log, "address", Optional.empty(), Optional.empty(), OptionalLong.empty()));
        assertTrue(byAddress.audience().logViewers() < byHeader.audience().logViewers() / 5,
                byAddress.audience().logViewers() + " addresses for " + byHeader.audience().logViewers() + " viewers (7 to an address)");
    }

    @Test
    void eachBadInputIsOneLine() throws Exception {
        Path log = new SyntheticLog().arrivals(-20, premiere(), 0).write(dir.resolve("access.log"));
        assertEquals("--drop 2026-11-28T01:00:00Z is outside the log, which runs from 2026-11-27T00:59:40Z to 2026-11-27T01:01:41Z",
                refused(new LearnSettings(log, LogFormat.COMBINED, ViewerKey.parse("extra:1", LogFormat.COMBINED), JsonFields.defaults(),
                        Instant.parse("2026-11-28T01:00:00Z"), Optional.empty(), Optional.empty(), OptionalLong.empty(), "500-599", "n")));
        assertEquals(dir.resolve("empty.log") + ": the log is empty", refused(settings(Files.writeString(dir.resolve("empty.log"), ""), "address",
                Optional.empty(), Optional.empty(), OptionalLong.empty())));
        Path late = new SyntheticLog().arrivals(5, new long[] {3}, 0).write(dir.resolve("late.log"));
        assertEquals("--drop 2026-11-27T01:00:00Z is outside the log, which runs from 2026-11-27T01:00:05Z to 2026-11-27T01:00:07Z",
                refused(settings(late, "extra:1", Optional.empty(), Optional.empty(), OptionalLong.empty())));
        Path gap = new SyntheticLog().arrivals(-300, new long[] {3}, 0).arrivals(300, new long[] {3}, 0).write(dir.resolve("gap.log"));
        assertEquals(gap + ": no line falls in the window 2026-11-27T00:59:00Z to 2026-11-27T01:01:00Z (the log runs from"
                + " 2026-11-27T00:55:00Z to 2026-11-27T01:05:02Z)", refused(settings(gap, "extra:1", Optional.of(Duration.ofMinutes(1)),
                Optional.of(Duration.ofMinutes(1)), OptionalLong.empty())));
        Path old = new SyntheticLog().arrivals(-300, new long[] {3}, 0).line(-5, 1, "GET /v2/browse", 200)
                .line(5, 2, "GET /v2/browse", 200).write(dir.resolve("old.log"));
        assertEquals(old + ": no viewer arrives in the window 2026-11-27T00:59:50Z to 2026-11-27T01:00:06Z: each one in it was first"
                + " seen before it", refused(settings(old, "extra:1", Optional.of(Duration.ofSeconds(10)), Optional.empty(), OptionalLong.empty())));
    }

    @Test
    void pastOnePercentOfLinesThatDoNotParseOrHaveNoViewerTheLearnerStops() throws Exception {
        SyntheticLog synthetic = new SyntheticLog().arrivals(-20, premiere(), 0);
        for (int i = 0; i < 20; i++) {
            synthetic.raw(-1, "<<not a log line " + i + "\u001b[31m>>");
        }
        Path bad = synthetic.write(dir.resolve("bad.log"));
        String message = refused(settings(bad, "extra:1", Optional.empty(), Optional.empty(), OptionalLong.empty()));
        assertTrue(message.matches(".*bad\\.log: 20 of [0-9,]+ lines read do not parse as combined \\(over 1 %\\); the first, line \\d+:"
                + " '<<not a log line 0\\?\\[31m>>'"), message);
        Path anonymous = new SyntheticLog().arrivals(-20, premiere(), 0).write(dir.resolve("anon.log"));
        String noKey = refused(settings(anonymous, "user", Optional.empty(), Optional.empty(), OptionalLong.empty()));
        assertTrue(noKey.matches(".*anon\\.log: the viewer key \\(--viewer user\\) is missing from [0-9,]+ of [0-9,]+ lines read \\(over 1 %\\);"
                + " the first, line 1: '10\\.0\\.0\\.0 - - .*"), noKey);
        SyntheticLog few = new SyntheticLog().arrivals(-20, premiere(), 0).raw(-1, "one bad line");
        LearnedNight n = learn(settings(few.write(dir.resolve("few.log")), "extra:1", Optional.empty(), Optional.empty(), OptionalLong.empty()));
        assertEquals(1, n.source().unparsable());
        assertTrue(n.source().firstUnparsable().endsWith(": 'one bad line'"), n.source().firstUnparsable());
    }

    private static String refused(LearnSettings s) {
        LogFileException e = assertThrows(LogFileException.class, () -> learn(s));
        assertEquals(0, e.getStackTrace().length);
        return e.getMessage();
    }
}
