package io.dropnight.learn.night;

/** Arithmetic on per-second counts shared by the fit, the plan and the page. Stateless. */
final class Curves {
    /** The 10-second windows the fit is judged on. */
    static final int WINDOW = 10;

    private Curves() {
    }

    /**
     * {@code counts} multiplied by {@code factor}, each second's share read off the rounded cumulative
     * count, so that the seconds add up to the rounded total (at least one where there was anyone).
     */
    static long[] scaled(long[] counts, double factor) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        long scaledTotal = total == 0 ? 0 : Math.max(1, Math.round(total * factor));
        long[] out = new long[counts.length];
        long cumulative = 0;
        long before = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            long upTo = total == 0 ? 0 : Math.round((double) scaledTotal * cumulative / total);
            out[i] = upTo - before;
            before = upTo;
        }
        return out;
    }

    /**
     * Sums over 10-second windows aligned on the drop: window {@code k} holds the seconds
     * {@code [10k, 10k + 10)} from the drop. {@code counts[0]} is second {@code from} from the drop.
     * The first window is the one holding {@code from}.
     */
    static long[] windows(long[] counts, int from) {
        int first = Math.floorDiv(from, WINDOW);
        int last = Math.floorDiv(from + counts.length - 1, WINDOW);
        long[] out = new long[Math.max(0, last - first + 1)];
        for (int i = 0; i < counts.length; i++) {
            out[Math.floorDiv(from + i, WINDOW) - first] += counts[i];
        }
        return out;
    }

    /** The second from the drop the first of {@link #windows}' windows starts at. */
    static int firstWindowStart(int from) {
        return Math.floorDiv(from, WINDOW) * WINDOW;
    }
}
