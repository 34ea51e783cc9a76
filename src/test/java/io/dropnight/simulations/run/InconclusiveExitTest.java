package io.dropnight.simulations.run;

import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.runfolder.VerdictRules;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When an enforced night ends apart from Gatling's status, and what it says. */
class InconclusiveExitTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final NightConsole console = new NightConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    private final SloResult missed = SloResult.atMost("errorPageRate", "finale-drop error pages per request", 1, 2.1, "%");
    private final SloReport inconclusive = VerdictRules.decide(List.of(missed), List.of(VerdictRules.injectorErrors(3, "boom")));

    @Test
    void anEnforcedInconclusiveNightEndsWithFourAndSaysItsFirstCause() {
        assertEquals(OptionalInt.of(4), InconclusiveExit.status(inconclusive, true, console));
        assertEquals("dropnight: FAILED (-Dslo.enforce=true): the run is INCONCLUSIVE (" + inconclusive.reasons().get(0)
                + "); mend that cause (a saturated injector: shard the night or give it more room), then run it again (exit 4)"
                + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void gatlingsOwnStatusStandsOtherwise() {
        assertEquals(OptionalInt.empty(), InconclusiveExit.status(inconclusive, false, console));
        assertEquals(OptionalInt.empty(), InconclusiveExit.status(VerdictRules.decide(List.of(missed), List.of()), true, console));
        assertEquals(OptionalInt.empty(), InconclusiveExit.status(null, true, console));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
