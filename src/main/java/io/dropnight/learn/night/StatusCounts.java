package io.dropnight.learn.night;

import java.util.ArrayList;
import java.util.List;

/** Answers per status code (100–599), and the first and last second from the drop each was seen. Not thread-safe. */
final class StatusCounts {
    private final long[] counts = new long[600];
    private final int[] first = new int[600];
    private final int[] last = new int[600];

    void add(int status, int second) {
        if (counts[status]++ == 0) {
            first[status] = second;
            last[status] = second;
        } else {
            first[status] = Math.min(first[status], second);
            last[status] = Math.max(last[status], second);
        }
    }

    /** Each status seen, in order of its code, with its count and when. */
    List<LearnedNight.StatusSeen> seen() {
        List<LearnedNight.StatusSeen> out = new ArrayList<>();
        for (int s = 100; s < 600; s++) {
            if (counts[s] > 0) {
                out.add(new LearnedNight.StatusSeen(s, counts[s], first[s], last[s]));
            }
        }
        return out;
    }
}
