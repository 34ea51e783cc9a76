import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic nginx combined access log of a release night, for scripts/learn-bench.sh: about
 * {@code lines} lines, viewers gathering for 30 minutes before the drop, a step at it, a tail
 * halving every 2 minutes, then a steady rate; each viewer makes 10 requests, one a second, its
 * id logged as an extra field ({@code "$http_x_viewer"}) after a real browser's user agent. Seeded:
 * the same arguments give the same file.
 *
 * {@code java scripts/LearnBenchLog.java LINES SEED OUT DROP}, for example
 * {@code java scripts/LearnBenchLog.java 10000000 42 /tmp/night.log 2026-11-27T01:00:00Z}.
 */
public class LearnBenchLog {
    static final int REQUESTS = 10;
    static final String[] PATHS = {"GET /api/home", "GET /api/titles/%d", "GET /api/titles/%d", "GET /api/titles/%d",
        "POST /api/playback/e%d", "GET /api/manifest/e%d", "POST /api/heartbeat/p%d", "POST /api/heartbeat/p%d",
        "POST /api/heartbeat/p%d", "GET /api/home"};
    static final String AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    public static void main(String[] args) throws IOException {
        long lines = Long.parseLong(args[0]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
        Path out = Path.of(args[2]);
        Instant drop = Instant.parse(args[3]);
        int before = 1800;
        int after = 3600;
        double[] shape = new double[before + after];
        double sum = 0;
        for (int s = 0; s < shape.length; s++) {
            int t = s - before;
            shape[s] = t < 0 ? 1 : t < 60 ? 40 : 2 + 30 * Math.pow(0.5, (t - 60) / 120.0);
            sum += shape[s];
        }
        double viewersPerUnit = lines / (double) REQUESTS / sum;
        DateTimeFormatter local = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
        long[] arrivedAt = new long[shape.length + REQUESTS];
        long[] firstId = new long[shape.length + REQUESTS];
        long next = 1;
        long written = 0;
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.US_ASCII), 1 << 20)) {
            for (int s = 0; s < shape.length + REQUESTS; s++) {
                if (s < shape.length) {
                    double expected = shape[s] * viewersPerUnit;
                    long n = (long) expected + (random.nextDouble() < expected - (long) expected ? 1 : 0);
                    firstId[s] = next;
                    arrivedAt[s] = n;
                    next += n;
                }
                String time = local.format(drop.plusSeconds(s - before));
                for (int k = 0; k < REQUESTS && k <= s; k++) {
                    int from = s - k;
                    if (from >= shape.length) {
                        continue;
                    }
                    for (long v = firstId[from]; v < firstId[from] + arrivedAt[from]; v++) {
                        String path = String.format(Locale.ROOT, PATHS[k], 100 + v % 900);
                        int status = k == 4 && s >= before && s < before + 60 && random.nextInt(10) == 0 ? 503 : 200;
                        w.write(String.format(Locale.ROOT, "10.%d.%d.%d - - [%s] \"%s HTTP/1.1\" %d %d \"-\" \"%s\" \"v%d\"\n",
                                (v >> 16) & 255, (v >> 8) & 255, v & 255, time, path, status, 200 + random.nextInt(3000), AGENT, v));
                        written++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d lines, %,d viewers -> %s%n", written, next - 1, out);
    }
}
