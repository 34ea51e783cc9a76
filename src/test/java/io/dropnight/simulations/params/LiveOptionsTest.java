package io.dropnight.simulations.params;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalInt;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveOptionsTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void offUnlessAskedAndBoundToLoopback() {
        LiveOptions o = LiveOptions.fromProperties(props());
        assertFalse(o.served());
        assertEquals("127.0.0.1", o.metricsHost());
        assertFalse(o.abortOnFail());
    }

    @Test
    void portZeroAsksForAFreeOne() {
        LiveOptions o = LiveOptions.fromProperties(props("metrics.port", "0", "slo.abortOnFail", "true"));
        assertEquals(OptionalInt.of(0), o.metricsPort());
        assertTrue(o.abortOnFail());
    }

    @ParameterizedTest
    @CsvSource({"65536", "-1", "http", "80.5"})
    void refusesAPortOutOfRangeNamingTheFlag(String port) {
        ParameterException e = assertThrows(ParameterException.class, () -> LiveOptions.fromProperties(props("metrics.port", port)));
        assertEquals("metrics.port = " + port + ": must be a port from 0 (a free one) to 65535", e.getMessage());
    }

    @Test
    void refusesAnAbortFlagThatIsNotABoolean() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> LiveOptions.fromProperties(props("slo.abortOnFail", "maybe")));
        assertEquals("slo.abortOnFail", e.property());
    }

    @Test
    void readsBackWhatItWrites() {
        LiveOptions o = new LiveOptions(OptionalInt.of(9404), "0.0.0.0", true);
        Properties p = new Properties();
        o.toProperties().forEach(p::setProperty);
        assertEquals(o, LiveOptions.fromProperties(p));
    }
}
