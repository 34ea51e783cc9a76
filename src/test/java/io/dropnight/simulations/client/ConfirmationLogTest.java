package io.dropnight.simulations.client;

import io.dropnight.reservations.Confirmation;
import io.dropnight.runfolder.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfirmationLogTest {
    private static final Instant AT = Instant.parse("2026-12-31T20:00:01.234Z");

    private static Confirmation confirmation(int n) {
        return new Confirmation("viewer-" + n, "confirm-" + n + "-1", "b-" + n, "scr-000" + (n % 7), List.of(n % 100 + 1, n % 100 + 2));
    }

    @Test
    void readsBackWhatWasAppendedInOrder(@TempDir Path run) throws IOException {
        try (ConfirmationLog log = ConfirmationLog.open(run)) {
            log.append(confirmation(1), AT);
            log.append(confirmation(2), AT);
            assertEquals(2, log.appended());
        }
        ConfirmationLog.Read read = ConfirmationLog.read(run);
        assertEquals(List.of(confirmation(1), confirmation(2)), read.confirmations());
        assertEquals(0, read.torn());
        assertEquals("2 confirmations received", read.describe());
    }

    @Test
    void eachLineIsOnDiskAsSoonAsItIsAppendedBeforeTheLogIsClosed(@TempDir Path run) throws IOException {
        // a killed injector never closes its log: what it was told must already be in the file
        ConfirmationLog log = ConfirmationLog.open(run);
        try {
            log.append(confirmation(7), AT);
            assertEquals(List.of(confirmation(7)), ConfirmationLog.read(run).confirmations());
            assertEquals("{\"viewer\":\"viewer-7\",\"confirmKey\":\"confirm-7-1\",\"bookingId\":\"b-7\",\"screeningId\":\"scr-0000\","
                    + "\"seats\":[8,9],\"receivedAt\":\"2026-12-31T20:00:01.234Z\"}\n", Files.readString(run.resolve(RunFiles.CONFIRMATIONS)));
        } finally {
            log.close();
        }
    }

    @Test
    void aTornLastLineIsCountedAndNamedNotFatal(@TempDir Path run) throws IOException {
        try (ConfirmationLog log = ConfirmationLog.open(run)) {
            log.append(confirmation(1), AT);
            log.append(confirmation(2), AT);
        }
        // the injector was killed while writing the third line
        String third = ConfirmationLog.line(confirmation(3), AT);
        Files.writeString(run.resolve(RunFiles.CONFIRMATIONS), third.substring(0, 40), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ConfirmationLog.Read read = ConfirmationLog.read(run);
        assertEquals(List.of(confirmation(1), confirmation(2)), read.confirmations());
        assertEquals(1, read.torn());
        assertEquals(third.substring(0, 40), read.tornLastLine().orElseThrow());
        assertTrue(read.describe().startsWith("2 confirmations received; 1 torn last line left out"), read.describe());
        assertTrue(read.describe().contains("\"viewer\":\"viewer-3\""), read.describe());
    }

    @Test
    void aWholeLastLineWithoutItsNewlineStillCounts(@TempDir Path run) throws IOException {
        Files.writeString(run.resolve(RunFiles.CONFIRMATIONS), ConfirmationLog.line(confirmation(4), AT));
        ConfirmationLog.Read read = ConfirmationLog.read(run);
        assertEquals(List.of(confirmation(4)), read.confirmations());
        assertEquals(0, read.torn());
    }

    @Test
    void aBadLineBeforeTheLastIsNotAConfirmationsFile(@TempDir Path run) throws IOException {
        Files.writeString(run.resolve(RunFiles.CONFIRMATIONS), ConfirmationLog.line(confirmation(1), AT) + "\n"
                + "{\"viewer\":\"v\",\"seats\":[1]}\n" + ConfirmationLog.line(confirmation(2), AT) + "\n");
        IOException e = assertThrows(IOException.class, () -> ConfirmationLog.read(run));
        assertTrue(e.getMessage().contains(RunFiles.CONFIRMATIONS + ": line 2 is not a confirmation (confirmKey is missing)"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path run) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ConfirmationLog.read(run));
        assertTrue(e.getMessage().endsWith(RunFiles.CONFIRMATIONS + ": missing (the night recorded no confirmations file)"), e.getMessage());
    }

    @Test
    void viewersAppendingAtOnceEachWriteWholeLines(@TempDir Path run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ConfirmationLog log = ConfirmationLog.open(run)) {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        log.append(confirmation(thread * 1000 + i), AT);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Confirmation> read = ConfirmationLog.read(run).confirmations();
        assertEquals(2000, read.size());
        Set<String> ids = new HashSet<>();
        read.forEach(c -> ids.add(c.bookingId()));
        assertEquals(2000, ids.size(), "every line whole and distinct");
    }
}
