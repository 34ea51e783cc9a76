package io.dropnight.learn.night;

/**
 * One viewer's state packed in a {@code long}, so that the table of viewers costs 16 bytes a
 * viewer: when the viewer first asked (seconds from the drop, 32 bits), the last endpoint it called
 * (8 bits), four flags, and its requests (20 bits, saturating at 1,048,575). Stateless.
 *
 * <pre>
 * bits  0-31  first request, seconds from the drop (signed)
 * bits 32-39  last endpoint's id
 * bit  40     its last answer had an error status
 * bit  41     it asked the same endpoint again right after an error status (refreshed)
 * bit  42     it had an error status at least once
 * bit  43     it asked at or after the drop
 * bits 44-63  requests
 * </pre>
 */
final class ViewerState {
    private static final long LAST_ERROR = 1L << 40;
    private static final long REFRESHED = 1L << 41;
    private static final long SAW_ERROR = 1L << 42;
    private static final long AFTER_DROP = 1L << 43;
    private static final int REQUESTS_SHIFT = 44;
    private static final long MAX_REQUESTS = (1L << 20) - 1;

    private ViewerState() {
    }

    /** A viewer never seen before, first asking {@code second} from the drop. */
    static long first(int second) {
        return second & 0xffffffffL;
    }

    static int firstSecond(long state) {
        return (int) state;
    }

    static long withFirstSecond(long state, int second) {
        return (state & ~0xffffffffL) | (second & 0xffffffffL);
    }

    static int lastEndpoint(long state) {
        return (int) (state >>> 32) & 0xff;
    }

    static boolean lastWasError(long state) {
        return (state & LAST_ERROR) != 0;
    }

    static boolean refreshed(long state) {
        return (state & REFRESHED) != 0;
    }

    static boolean sawError(long state) {
        return (state & SAW_ERROR) != 0;
    }

    static boolean askedAfterDrop(long state) {
        return (state & AFTER_DROP) != 0;
    }

    /** A viewer who gave up: its last answer was an error status. */
    static boolean gaveUp(long state) {
        return lastWasError(state);
    }

    static long requests(long state) {
        return state >>> REQUESTS_SHIFT;
    }

    /**
     * The state after one more request: to {@code endpoint}, at {@code second} from the drop, answered
     * with an error status or not. Asking the endpoint whose answer was an error again is a refresh.
     */
    static long after(long state, int endpoint, int second, boolean error) {
        long s = state;
        if (lastWasError(s) && lastEndpoint(s) == endpoint) {
            s |= REFRESHED;
        }
        s = (s & ~(0xffL << 32) & ~LAST_ERROR) | ((long) endpoint << 32);
        if (error) {
            s |= LAST_ERROR | SAW_ERROR;
        }
        if (second >= 0) {
            s |= AFTER_DROP;
        }
        long requests = Math.min(MAX_REQUESTS, requests(s) + 1);
        return (s & ((1L << REQUESTS_SHIFT) - 1)) | (requests << REQUESTS_SHIFT);
    }
}
