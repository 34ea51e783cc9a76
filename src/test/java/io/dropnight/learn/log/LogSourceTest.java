package io.dropnight.learn.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A log's lines, plain or gzip (by its bytes, not its name); a truncated or corrupt gzip is named as such, after how many lines. */
class LogSourceTest {
    @TempDir
    Path dir;

    private static List<String> all(Path file) {
        List<String> lines = new ArrayList<>();
        try (LogSource source = LogSource.open(file)) {
            for (String l; (l = source.nextLine()) != null; ) {
                lines.add(l);
            }
        }
        return lines;
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String lines(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append("line ").append(i).append(" of a log that is long enough to span several of gzip's blocks ").append(i * 7919L % 1000)
                    .append('\n');
        }
        return b.toString();
    }

    @Test
    void readsPlainLinesEndingInLfOrCrLfWithOrWithoutAFinalBreak() throws Exception {
        assertEquals(List.of("a", "b", "", "c"), all(Files.writeString(dir.resolve("a.log"), "a\r\nb\n\nc")));
        assertEquals(List.of(), all(Files.writeString(dir.resolve("empty.log"), "")));
    }

    @Test
    void readsGzipAsIsWhateverItsName() throws Exception {
        Path named = Files.write(dir.resolve("access.log.gz"), gzip(lines(50_000)));
        Path unnamed = Files.write(dir.resolve("access.log.1"), gzip(lines(50_000)));
        assertEquals(lines(50_000).lines().toList(), all(named));
        assertEquals(50_000, all(unnamed).size());
        try (LogSource s = LogSource.open(unnamed)) {
            assertTrue(s.gzip());
        }
    }

    @Test
    void aTruncatedGzipIsNamedAsSuchWithTheLinesReadBeforeIt() throws Exception {
        byte[] whole = gzip(lines(50_000));
        Path cut = Files.write(dir.resolve("cut.log.gz"), Arrays.copyOf(whole, whole.length / 2));
        LogFileException e = assertThrows(LogFileException.class, () -> all(cut));
        assertTrue(e.getMessage().matches(".*cut\\.log\\.gz: the gzip stream is truncated after line \\d+ \\(the file ends before"
                + " the compressed data does\\)"), e.getMessage());
        Path header = Files.write(dir.resolve("header.gz"), Arrays.copyOf(whole, 5));
        assertTrue(assertThrows(LogFileException.class, () -> all(header)).getMessage().contains("header.gz: the gzip stream is truncated"));
    }

    @Test
    void aCorruptGzipIsNamedAsSuch() throws Exception {
        byte[] bytes = gzip(lines(50_000));
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            bytes[i] ^= 0x5a;
        }
        Path corrupt = Files.write(dir.resolve("corrupt.gz"), bytes);
        LogFileException e = assertThrows(LogFileException.class, () -> all(corrupt));
        assertTrue(e.getMessage().matches(".*corrupt\\.gz: the gzip stream is (corrupt|truncated) after line \\d+.*"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(0, e.getStackTrace().length, "a message for a person, not a stack trace");
    }

    @Test
    void aLineWithoutABreakIsCutSoItCannotFillTheHeap() throws Exception {
        Path huge = Files.writeString(dir.resolve("huge.log"), "x".repeat(3 * LogSource.MAX_LINE) + "\nnext\n");
        List<String> lines = all(huge);
        assertEquals(LogSource.MAX_LINE, lines.get(0).length());
        assertEquals("next", lines.get(1));
    }

    @Test
    void aMissingFileIsOneLine() {
        assertEquals("--log " + dir.resolve("nope.log") + ": no such file",
                assertThrows(LogFileException.class, () -> LogSource.open(dir.resolve("nope.log"))).getMessage());
    }
}
