package io.dropnight.learn.night;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A combined log made to order for the learner's tests: {@code arrivals[i]} new viewers in second
 * {@code from + i} from the drop, each asking home, then a title a second later, then playing a
 * second after that; a chosen share of the plays answered 503 and tried again (a refresh) or left
 * there (given up). Viewers are numbered from 1 in an extra field; addresses are shared by every 7.
 * Deterministic.
 */
public final class SyntheticLog {
    public static final Instant DROP = Instant.parse("2026-11-27T01:00:00Z");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final List<Object[]> lines = new ArrayList<>();
    private long viewers;

    /** Every {@code errorEvery}-th viewer's first play is a 503; of those, every second one refreshes (0: none). */
    public SyntheticLog arrivals(int from, long[] arrivals, int errorEvery) {
        for (int i = 0; i < arrivals.length; i++) {
            for (long k = 0; k < arrivals[i]; k++) {
                long v = ++viewers;
                int at = from + i;
                line(at, v, "GET /v2/browse", 200);
                line(at + 1, v, "GET /v2/shows/" + (v % 5 + 40), 200);
                boolean error = errorEvery > 0 && v % errorEvery == 0;
                line(at + 2, v, "POST /v2/watch/e108", error ? 503 : 200);
                if (error && v % (2L * errorEvery) == 0) {
                    line(at + 3, v, "POST /v2/watch/e108", 200);
                }
            }
        }
        return this;
    }

    /** One more line, for a viewer of its own number. */
    public SyntheticLog line(int second, long viewer, String request, int status) {
        lines.add(new Object[] {second, String.format(Locale.ROOT, "10.0.%d.%d - - [%s] \"%s HTTP/1.1\" %d 12 \"-\" \"App/1\" \"v%d\"",
                viewer / 7 / 256 % 256, viewer / 7 % 256, LOCAL.format(DROP.plusSeconds(second)), request, status, viewer)});
        return this;
    }

    /** A line as it is. */
    public SyntheticLog raw(int second, String text) {
        lines.add(new Object[] {second, text});
        return this;
    }

    public Path write(Path file) throws IOException {
        List<Object[]> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingInt(l -> (Integer) l[0]));
        StringBuilder b = new StringBuilder();
        sorted.forEach(l -> b.append(l[1]).append('\n'));
        return Files.writeString(file, b);
    }
}
