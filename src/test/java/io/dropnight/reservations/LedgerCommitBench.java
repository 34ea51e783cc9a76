package io.dropnight.reservations;

import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * How fast the SQLite ledger commits durably on this machine (docs/CINEMA.md, "What a commit
 * costs"): one booking per commit, then through the {@link LedgerWriter}'s group commit with
 * {@code inFlight} confirms waiting. Not a test: run by hand, in a folder on the disk to measure.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.dropnight.reservations.LedgerCommitBench DIR</pre>
 */
public final class LedgerCommitBench {
    private static final int ONE_BY_ONE = 2_000;
    private static final int GROUPED = 20_000;
    private static final int IN_FLIGHT = 64;

    private LedgerCommitBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "target"), "ledger-bench");
        LedgerSnapshot.Screening screening = new LedgerSnapshot.Screening("scr-1", "cin-1", 1_000_000);
        try (SqliteLedger ledger = SqliteLedger.open(dir.resolve("one-by-one.db"))) {
            ledger.addScreenings(List.of(screening));
            Histogram micros = new Histogram(3);
            long start = System.nanoTime();
            for (int i = 0; i < ONE_BY_ONE; i++) {
                long t = System.nanoTime();
                ledger.commit(List.of(booking(i)));
                micros.recordValue((System.nanoTime() - t) / 1_000);
            }
            report("one booking per commit", ONE_BY_ONE, System.nanoTime() - start, micros);
        }
        SqliteLedger ledger = SqliteLedger.open(dir.resolve("grouped.db"));
        ledger.addScreenings(List.of(screening));
        LedgerWriter writer = new LedgerWriter(ledger);
        Histogram micros = new Histogram(3);
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < GROUPED; i++) {
            slots.acquire();
            long t = System.nanoTime();
            all.add(writer.commit(booking(i)).whenComplete((r, f) -> {
                synchronized (micros) {
                    micros.recordValue((System.nanoTime() - t) / 1_000);
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        report("group commit, " + IN_FLIGHT + " in flight", GROUPED, System.nanoTime() - start, micros);
        writer.close();
    }

    private static LedgerSnapshot.Booking booking(int i) {
        return new LedgerSnapshot.Booking("b-" + i, "scr-1", "v-" + i, "k", "h-" + i, List.of(2 * i + 1, 2 * i + 2),
                Instant.parse("2026-12-31T20:00:00Z"));
    }

    private static void report(String what, int n, long nanos, Histogram micros) {
        System.out.printf(Locale.ROOT, "%-32s %7d bookings in %6.2f s: %8.0f bookings/s; commit latency p50 %6.2f ms,"
                        + " p99 %6.2f ms, max %6.2f ms%n", what, n, nanos / 1e9, n / (nanos / 1e9),
                micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3, micros.getMaxValue() / 1e3);
    }
}
