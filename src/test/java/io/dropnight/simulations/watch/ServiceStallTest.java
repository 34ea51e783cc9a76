package io.dropnight.simulations.watch;

import io.dropnight.metrics.LagLog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A night whose service ran later than the bound is the host's, named with the stall and when; before the night does not count. */
class ServiceStallTest {
    private static final long START = 1_765_000_000_000L;

    private static LagLog.Sample at(int second, double maxLagMs) {
        return new LagLog.Sample(START + second * 1000L, 1000, maxLagMs, Math.min(maxLagMs, 2), 20);
    }

    @Test
    void aStallPastTheBoundIsNamedWithItsSizeAndWhen() {
        List<LagLog.Sample> lag = List.of(at(1, 1.2), at(30, 3.0), at(31, 2004.0), at(32, 4.5));
        assertEquals(Optional.of("the host stalled the service: its loops ran 2,004 ms late at +31 s (bound 500 ms;"
                        + " service-lag.csv), so its modelled capacity was the host's, not the model's"),
                ServiceStall.judge(lag, START, 500));
    }

    @Test
    void lagWithinTheBoundOrBeforeTheInjectionIsNoCause() {
        // The interval that ends 0.5 s into the injection began before it: the service's start-up, not the night.
        List<LagLog.Sample> lag = List.of(at(-5, 900.0), new LagLog.Sample(START + 500, 1000, 254.6, 254.6, 46), at(1, 12.0),
                at(2, 500.0));
        assertEquals(Optional.empty(), ServiceStall.judge(lag, START, 500), "the bound itself is within");
        assertEquals(Optional.of(new ServiceStall.Worst(500.0, START + 2000)), ServiceStall.worst(lag, START));
        assertEquals(Optional.empty(), ServiceStall.judge(List.of(), START, 500), "no lag log (an older run): no cause");
        assertEquals(Optional.of("the service's loops ran at most 500.0 ms late during the night (bound 500 ms, service-lag.csv)"),
                ServiceStall.describeWorst(lag, START, 500));
        assertEquals(Optional.empty(), ServiceStall.describeWorst(List.of(), START, 500));
    }
}
