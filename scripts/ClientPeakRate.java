import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Requests per second from a run's client.hlog: the sum over every {@code <night>/<endpoint>/<outcome>}
 * histogram (one per tag and second) of its count, by second. Prints the total, the peak second and
 * the best 5 s in a row. For scripts/injector-ceiling.sh:
 * {@code java -cp target/dropnight.jar scripts/ClientPeakRate.java RUN/client.hlog}.
 */
public class ClientPeakRate {
    public static void main(String[] args) throws Exception {
        HistogramLogReader reader = new HistogramLogReader(new File(args[0]));
        TreeMap<Long, Long> perSecond = new TreeMap<>();
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            String tag = h.getTag();
            if (tag == null || tag.split("/").length != 3) {
                continue; // time-to-play and playback-start are per viewer, not per request
            }
            long second = (long) Math.floor(h.getStartTimeStamp() / 1000.0);
            perSecond.merge(second, ((org.HdrHistogram.Histogram) h).getTotalCount(), Long::sum);
        }
        long total = 0, peak = 0, peakAt = 0;
        long first = perSecond.isEmpty() ? 0 : perSecond.firstKey();
        for (var e : perSecond.entrySet()) {
            total += e.getValue();
            if (e.getValue() > peak) {
                peak = e.getValue();
                peakAt = e.getKey() - first;
            }
        }
        List<Long> counts = new ArrayList<>(perSecond.values());
        long best5 = 0;
        for (int i = 0; i + 5 <= counts.size(); i++) {
            long sum = 0;
            for (int j = i; j < i + 5; j++) {
                sum += counts.get(j);
            }
            best5 = Math.max(best5, sum);
        }
        System.out.printf(Locale.ROOT, "client.hlog: %d requests in %d s, peak %d in one second (+%d s), best 5 s %.0f/s%n",
                total, perSecond.size(), peak, peakAt, best5 / 5.0);
    }
}
