package io.dropnight.simulations.run;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.nights.NightPlan;
import io.dropnight.simulations.nights.Nights;
import io.dropnight.simulations.params.NightParameters;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's lines after a night, as text: what whole nights were once the only proof of. */
class NightConsoleTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final NightConsole console = new NightConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInconclusiveVerdictListsEveryCause() {
        SloResult missed = SloResult.atMost("errorPageRate", "finale-drop error pages per request", 1, 2.1, "%");
        console.verdict(VerdictRules.decide(List.of(missed), List.of(VerdictRules.injectorErrors(3, "injector error in play: x"),
                VerdictRules.HOST_STALLED + "its loops ran 2,004 ms late at +31 s")));
        assertEquals("""
                dropnight: VERDICT INCONCLUSIVE: these figures measured something other than the service (injector.csv has the injector's every second):
                dropnight:   the harness failed inside the viewers' journeys: 3 injector errors (the viewers stopped never asked the target); first: injector error in play: x
                dropnight:   the host stalled the service: its loops ran 2,004 ms late at +31 s
                """, text());
    }

    @Test
    void aDecidedVerdictIsOneLine() {
        console.verdict(new SloReport(RunVerdict.FAIL, List.of("errorPageRate: ..."), List.of()));
        assertEquals("dropnight: VERDICT FAIL (the load generator stayed within its bounds, injector.csv)\n", text());
    }

    @Test
    void aNightStoppedEarlyGivesItsStopOnTheVerdictsLine() {
        String stop = VerdictRules.stopped(7, "abandonment", "6 viewers who gave up already exceed 0.5 % of the 1,000 intents");
        console.verdict(VerdictRules.stoppedEarly(new SloReport(RunVerdict.FAIL, List.of("abandonment: ..."), List.of()), stop));
        assertEquals("dropnight: VERDICT FAIL: stopped at +7 s: abandonment lost (6 viewers who gave up already exceed 0.5 % of the"
                + " 1,000 intents) (-Dslo.abortOnFail=true) (the load generator stayed within its bounds, injector.csv)\n", text());
    }

    @Test
    void whatWentUnexplainedIsWarnedOfAndNothingElse() {
        console.injectorErrors(0, Optional.empty());
        console.unclassified(Map.of(), "p", "p.yml");
        console.startedAgainstPlanned(620, 620);
        console.noResponses(0, Optional.empty());
        assertEquals("", text(), "nothing to say when nothing went wrong");

        console.injectorErrors(6212, Optional.of("injector error in choose-episode: NumberFormatException"));
        console.startedAgainstPlanned(600, 620);
        console.noResponses(12, Optional.empty());
        String t = text();
        assertTrue(t.contains("WARNING 6,212 injector errors: the harness failed in viewers' journeys and stopped them"
                + " (not counted as the target's failures); first: injector error in choose-episode: NumberFormatException"), t);
        assertTrue(t.contains("WARNING 600 viewers started, 620 planned: this run is not the planned night"), t);
        assertTrue(t.contains("12 requests got no response (their errors could not be told apart)"), t);
    }

    @Test
    void eachSloIsALineAndUnenforcedSlosSaySo() {
        console.slos(List.of(SloResult.atMost("playbackStartP99", "finale-drop/playback-start p99", 800, 158.207, "ms")), false);
        assertEquals("""
                dropnight: SLO playbackStartP99: finale-drop/playback-start p99 = 158.207 ms, must be <= 800.000 ms: passed
                dropnight: SLOs reported, not enforced; -Dslo.enforce=true makes a breach fail the build (the CI night does)
                """, text());
    }

    @Test
    void afterTheNightTheViewersThenWhatWentUnexplainedThenEachSlo() {
        NightPlan plan = Nights.plan(NightParameters.fromProperties(new Properties()));
        console.afterNight("finale-drop", new ClientMetrics(), new Histogram(3), new Histogram(3), plan, "built-in", "classpath",
                Optional.empty(), List.of(SloResult.atMost("errorPageRate", "finale-drop error pages per request", 1, 0, "%")), true);
        List<String> lines = text().lines().toList();
        assertEquals(4, lines.size(), text());
        assertTrue(lines.get(0).startsWith("dropnight: finale-drop viewers 0, playback starts 0"), lines.get(0));
        assertTrue(lines.get(1).startsWith("dropnight: client-side HdrHistogram time-to-play p50 0.0"), lines.get(1));
        assertEquals("dropnight: WARNING 0 viewers started, " + plan.totalArrivals() + " planned: this run is not the planned night",
                lines.get(2));
        assertTrue(lines.get(3).startsWith("dropnight: SLO errorPageRate: "), lines.get(3));
    }
}
