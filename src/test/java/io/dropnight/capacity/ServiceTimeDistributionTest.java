package io.dropnight.capacity;

import io.dropnight.core.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Samples match their parameters for a fixed seed; bad specs fail with one clear line. */
class ServiceTimeDistributionTest {
    private static final int N = 200_000;

    private static long[] sample(ServiceTimeDistribution d) {
        SplittableRandom random = new SplittableRandom(42);
        long[] out = new long[N];
        for (int i = 0; i < N; i++) {
            out[i] = d.sampleNanos(random);
        }
        Arrays.sort(out);
        return out;
    }

    private static double mean(long[] xs) {
        return Arrays.stream(xs).average().orElseThrow();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
    }

    @Test
    void exponentialSamplesHaveTheConfiguredMeanAndMedian() {
        ServiceTimeDistribution d = ServiceTimeDistribution.parse("t", "exp:10ms");
        long[] xs = sample(d);
        assertEquals(10e6, mean(xs), 0.01 * 10e6);
        assertEquals(Math.log(2) * 10e6, percentile(xs, 50), 0.02 * 10e6);
        assertEquals(10e6, d.meanNanos());
    }

    @Test
    void logNormalSamplesHaveTheConfiguredMedianAndP99() {
        ServiceTimeDistribution d = ServiceTimeDistribution.parse("t", "lognormal:8ms:60ms");
        long[] xs = sample(d);
        assertEquals(8e6, percentile(xs, 50), 0.02 * 8e6);
        assertEquals(60e6, percentile(xs, 99), 0.05 * 60e6);
        assertEquals(d.meanNanos(), mean(xs), 0.02 * d.meanNanos());
        assertTrue(d.meanNanos() > 8e6, "the mean of a right-skewed distribution exceeds its median");
    }

    @Test
    void fixedSamplesAreConstantAndScalingMultiplies() {
        ServiceTimeDistribution d = ServiceTimeDistribution.parse("t", "fixed:5ms");
        long[] xs = sample(d);
        assertEquals(5_000_000L, xs[0]);
        assertEquals(5_000_000L, xs[N - 1]);
        assertEquals(15e6, d.scaled(3).meanNanos());
        assertEquals("exp:30ms", ServiceTimeDistribution.parse("t", "exp:10ms").scaled(3).spec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed:5ms", "exp:250us", "lognormal:8ms:60ms", "lognormal:1.5s:4s"})
    void specParsesBackToTheSameDistribution(String spec) {
        ServiceTimeDistribution d = ServiceTimeDistribution.parse("t", spec);
        assertEquals(d, ServiceTimeDistribution.parse("t", d.spec()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "uniform:5ms", "exp", "exp:0ms", "fixed:fast", "lognormal:8ms",
            "lognormal:60ms:8ms", "exp:10ms:20ms"})
    void badSpecsFailWithOneLineNamingFieldValueAndRule(String spec) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ServiceTimeDistribution.parse("capacity.service-times.home", spec));
        String message = e.getMessage();
        assertEquals("capacity.service-times.home", e.field());
        assertTrue(message.startsWith("capacity.service-times.home = "), message);
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains("must"), "states the rule: " + message);
        if (!spec.isEmpty()) {
            assertTrue(message.contains(spec.split(":")[spec.split(":").length - 1]), "names the value: " + message);
        }
    }

    @Test
    void nullSpecFailsNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServiceTimeDistribution.parse("x.y", null));
        assertTrue(e.getMessage().startsWith("x.y = null: must be"), e.getMessage());
    }
}
