package io.dropnight.capacity;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;

import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The modelled time one backend slot spends on one request. Written in config as
 * {@code fixed:5ms}, {@code exp:10ms} (exponential with that mean) or {@code lognormal:8ms:60ms}
 * (log-normal with that median and 99th percentile).
 */
public sealed interface ServiceTimeDistribution {

    /** Draws one service time in nanoseconds, at least 1. Not thread-safe if the generator is not. */
    long sampleNanos(RandomGenerator random);

    /** The distribution's mean, in nanoseconds: used for capacity arithmetic (slots / mean). */
    double meanNanos();

    /** The config form, parseable by {@link #parse}. */
    String spec();

    /** A distribution whose times are all multiplied by {@code factor} (cache misses, slowdowns). */
    ServiceTimeDistribution scaled(double factor);

    record Fixed(Duration time) implements ServiceTimeDistribution {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return Math.max(1, time.toNanos());
        }

        @Override
        public double meanNanos() {
            return time.toNanos();
        }

        @Override
        public String spec() {
            return "fixed:" + Durations.format(time);
        }

        @Override
        public ServiceTimeDistribution scaled(double factor) {
            return new Fixed(Duration.ofNanos(Math.round(time.toNanos() * factor)));
        }
    }

    record Exponential(Duration mean) implements ServiceTimeDistribution {
        @Override
        public long sampleNanos(RandomGenerator random) {
            double u = random.nextDouble();
            return Math.max(1, Math.round(-Math.log1p(-u) * mean.toNanos()));
        }

        @Override
        public double meanNanos() {
            return mean.toNanos();
        }

        @Override
        public String spec() {
            return "exp:" + Durations.format(mean);
        }

        @Override
        public ServiceTimeDistribution scaled(double factor) {
            return new Exponential(Duration.ofNanos(Math.round(mean.toNanos() * factor)));
        }
    }

    /** Log-normal given by its median and 99th percentile; p99 must exceed the median. */
    record LogNormal(Duration median, Duration p99) implements ServiceTimeDistribution {
        /** The standard normal's 99th percentile. */
        private static final double Z99 = 2.3263478740408408;

        public LogNormal {
            if (p99.compareTo(median) <= 0) {
                throw new ConfigException("lognormal p99", Durations.format(p99),
                        "must be greater than the median " + Durations.format(median));
            }
        }

        private double sigma() {
            return Math.log((double) p99.toNanos() / median.toNanos()) / Z99;
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return Math.max(1, Math.round(median.toNanos() * Math.exp(sigma() * random.nextGaussian())));
        }

        @Override
        public double meanNanos() {
            double s = sigma();
            return median.toNanos() * Math.exp(s * s / 2);
        }

        @Override
        public String spec() {
            return "lognormal:" + Durations.format(median) + ":" + Durations.format(p99);
        }

        @Override
        public ServiceTimeDistribution scaled(double factor) {
            return new LogNormal(Duration.ofNanos(Math.round(median.toNanos() * factor)),
                    Duration.ofNanos(Math.round(p99.toNanos() * factor)));
        }
    }

    /**
     * Parses the config form.
     *
     * @param field the config field being read, for the error message
     * @throws ConfigException with one line naming the field, the value and the accepted forms
     */
    static ServiceTimeDistribution parse(String field, String text) {
        String rule = "must be fixed:<duration>, exp:<mean> or lognormal:<median>:<p99>, for example lognormal:8ms:60ms";
        if (text == null) {
            throw new ConfigException(field, "null", rule);
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            return switch (parts[0]) {
                case "fixed" -> requireParts(parts, 2, field, text, rule,
                        () -> new Fixed(positive(field, parts[1])));
                case "exp", "exponential" -> requireParts(parts, 2, field, text, rule,
                        () -> new Exponential(positive(field, parts[1])));
                case "lognormal" -> requireParts(parts, 3, field, text, rule,
                        () -> new LogNormal(positive(field, parts[1]), positive(field, parts[2])));
                default -> throw new ConfigException(field, text, rule);
            };
        } catch (ConfigException e) {
            if (e.field().equals(field)) {
                throw e;
            }
            throw new ConfigException(field, text, e.getMessage());
        }
    }

    private static Duration positive(String field, String text) {
        Duration d = Durations.parse(field, text);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(field, text, "service times must be > 0");
        }
        return d;
    }

    private static ServiceTimeDistribution requireParts(String[] parts, int n, String field, String text,
            String rule, java.util.function.Supplier<ServiceTimeDistribution> build) {
        if (parts.length != n) {
            throw new ConfigException(field, text, rule);
        }
        return build.get();
    }
}
