package io.dropnight.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

/**
 * Several event loops record into one (scenario, endpoint) while the interval writer swaps its
 * recorders. With HdrHistogram 2.2.2's packed concurrent recorder this livelocked within a second
 * or two (a resize waited for a writer that never left its critical section) and the service
 * stopped answering; the recorder the service uses must keep making progress.
 */
class ConcurrentRecordingTest {
    @Test
    void recordingKeepsProgressingWhileIntervalsAreSwapped() throws Exception {
        int writers = 4;
        int perWriter = 300_000;
        EndpointStats stats = new EndpointStats("premiere", "home");
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong swapped = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> reader = pool.submit(() -> {
                Histogram recycled = null;
                while (!done.get()) {
                    Recorder r = stats.intervalRecorderIfPresent(RequestOutcome.OK);
                    if (r != null) {
                        recycled = r.getIntervalHistogram(recycled);
                        swapped.addAndGet(recycled.getTotalCount());
                    }
                    stats.sinceResetMicros();
                }
            });
            List<Future<?>> recorders = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long seed = w;
                recorders.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int i = 0; i < perWriter; i++) {
                        // Spread over 1 us .. 1.2 s so that the histograms keep growing.
                        stats.record(RequestOutcome.OK, (long) Math.exp(random.nextDouble() * 14));
                    }
                }));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (Future<?> f : recorders) {
                    f.get();
                }
            }, "recording stopped making progress while intervals were being swapped");
            done.set(true);
            reader.get();
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        Recorder r = stats.intervalRecorderIfPresent(RequestOutcome.OK);
        assertEquals((long) writers * perWriter, swapped.get() + r.getIntervalHistogram().getTotalCount());
        assertEquals((long) writers * perWriter, stats.count(RequestOutcome.OK));
    }
}
