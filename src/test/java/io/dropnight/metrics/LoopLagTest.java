package io.dropnight.metrics;

import io.dropnight.capacity.Stall;
import io.dropnight.runfolder.RunFiles;
import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A loop that is blocked shows in service-lag.csv as a probe that ran that much late. */
class LoopLagTest {

    @Test
    void aBlockedLoopShowsAsALateProbe(@TempDir Path dir) throws Exception {
        DefaultEventExecutor loop = new DefaultEventExecutor();
        LoopLag lag = new LoopLag(System::nanoTime, Duration.ofMillis(20));
        try (LagLog.Writer log = LagLog.Writer.open(lag, dir, System::currentTimeMillis)) {
            lag.watch((task, delayNanos) -> loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                log.writeInterval();
                return LagLog.read(dir).stream().mapToLong(LagLog.Sample::probes).sum() > 0;
            });
            loop.execute(() -> Stall.block(Duration.ofMillis(300)));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                log.writeInterval();
                return LagLog.read(dir).stream().anyMatch(s -> s.maxLagMs() >= 250);
            });
        } finally {
            lag.stop();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        List<String> lines = Files.readAllLines(dir.resolve(RunFiles.SERVICE_LAG));
        assertEquals(LagLog.HEADER, lines.get(0));
        assertEquals(lines.size() - 1, LagLog.read(dir).size(), "every line after the header reads back: " + lines);
    }

    @Test
    void aShutDownLoopEndsItsProbeQuietly() throws Exception {
        DefaultEventExecutor loop = new DefaultEventExecutor();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        LoopLag lag = new LoopLag(System::nanoTime, Duration.ofMillis(10));
        lag.watch((task, delayNanos) -> loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        assertEquals(0, lag.intervalHistogram(null).getTotalCount());
    }

    @Test
    void halfALineFromAKilledServiceIsSkippedAndNoFileIsNoSamples(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), LagLog.read(dir));
        Files.writeString(dir.resolve(RunFiles.SERVICE_LAG), LagLog.HEADER + "\n1765000000000,1000,2004.000,2004.000,3\n1765000001000,1000,1.2");
        assertEquals(List.of(new LagLog.Sample(1765000000000L, 1000, 2004.0, 2004.0, 3)), LagLog.read(dir));
    }

    @Test
    void aProbePeriodOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoopLag(System::nanoTime, Duration.ofSeconds(11)));
        assertTrue(e.getMessage().contains("must be from 1 ms to 10 s"), e.getMessage());
    }
}
