package io.dropnight.simulations.run;

import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloReport;

import java.util.OptionalInt;

/**
 * The exit status of an enforced night that is inconclusive. Gatling exits 0, or 2 for breached
 * assertions, which would say the service passed or failed; an inconclusive night knows neither,
 * so under {@code -Dslo.enforce=true} Dropnight's own launcher ends it apart, with {@link #STATUS},
 * once Gatling has written its report. Pure and stateless.
 */
public final class InconclusiveExit {
    /** Apart from Gatling's 0 and its 2 for breached SLOs. */
    public static final int STATUS = 4;

    private InconclusiveExit() {
    }

    /**
     * @param verdict  the night's verdict, or null when after() never ran
     * @param enforced {@code -Dslo.enforce}
     * @param console  where the reason is said, when the night ends apart
     * @return {@link #STATUS} when the night must end apart; empty to let Gatling's own status stand
     */
    public static OptionalInt status(SloReport verdict, boolean enforced, NightConsole console) {
        if (verdict == null || verdict.verdict() != RunVerdict.INCONCLUSIVE || !enforced) {
            return OptionalInt.empty();
        }
        console.line("FAILED (-Dslo.enforce=true): the run is INCONCLUSIVE (" + verdict.reasons().get(0)
                + "); mend that cause (a saturated injector: shard the night or give it more room), then run it again (exit "
                + STATUS + ")");
        return OptionalInt.of(STATUS);
    }
}
