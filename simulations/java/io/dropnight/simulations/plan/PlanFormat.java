package io.dropnight.simulations.plan;

import java.time.Duration;
import java.util.Locale;

/** Fixed-locale formatting shared by the progress lines and the plan's files. */
final class PlanFormat {
    private PlanFormat() {
    }

    /** Up to three decimals, no trailing zeros: {@code 64}, {@code 0.05}, {@code 812.5}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** To a tenth: {@code 67.8}, {@code 68}. */
    static String tenth(double v) {
        return number(Math.round(v * 10) / 10.0);
    }

    /** {@code 42s}, {@code 3m05s}. */
    static String duration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s < 60 ? s + "s" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
