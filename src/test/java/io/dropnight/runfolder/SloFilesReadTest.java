package io.dropnight.runfolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** slo.json read by its one reader: both shapes, a missing sample, and bad files named in one line. */
class SloFilesReadTest {
    private static final String ERROR_PAGES_FAILED = "{\"name\": \"errorPageRate\", \"metric\": \"finale-drop error pages\","
            + " \"comparator\": \"<=\", \"threshold\": 1.0, \"actual\": 2.65, \"unit\": \"%\", \"passed\": false}";
    private static final String PLAYBACK_PASSED = "{\"name\": \"playbackStartP99\", \"metric\": \"p99\", \"comparator\": \"<=\","
            + " \"threshold\": 800.0, \"actual\": 190.0, \"unit\": \"ms\", \"passed\": true}";
    private static final String NO_SAMPLE = "{\"name\": \"timeToPlayP95\", \"metric\": \"p95\", \"comparator\": \"<=\","
            + " \"threshold\": 3000.0, \"actual\": null, \"unit\": \"ms\", \"passed\": true}";

    @TempDir
    Path dir;

    private SloReport read(String json) throws IOException {
        Path f = dir.resolve("slo.json");
        Files.writeString(f, json);
        return SloFiles.read(f);
    }

    @Test
    void withoutAVerdictFieldTheRunFailsWhenAnySloFailed() throws IOException {
        SloReport r = read("[" + ERROR_PAGES_FAILED + ", " + PLAYBACK_PASSED + "]");
        assertEquals(RunVerdict.FAIL, r.verdict());
        assertEquals(2, r.slos().size());
        assertEquals(2.65, r.slos().get(0).actual());
        assertEquals(2.65, r.slos().get(0).load(), 1e-9);
    }

    @Test
    void withoutAVerdictFieldTheRunPassesWhenEverySloPassed() throws IOException {
        SloReport r = read("[" + PLAYBACK_PASSED + ", " + NO_SAMPLE + "]");
        assertEquals(RunVerdict.PASS, r.verdict());
        assertTrue(Double.isNaN(r.slos().get(1).actual()), "no sample is NaN, not 0");
        assertEquals(0, r.slos().get(1).load());
    }

    @Test
    void aTopLevelInconclusiveVerdictWinsOverTheSlos() throws IOException {
        SloReport r = read("{\"verdict\": \"inconclusive\", \"reasons\": [\"injector: 28390 file-descriptor errors\"],"
                + " \"slos\": [" + ERROR_PAGES_FAILED + "]}");
        assertEquals(RunVerdict.INCONCLUSIVE, r.verdict());
        assertEquals(List.of("injector: 28390 file-descriptor errors"), r.reasons());
        assertEquals(1, r.slos().size());
    }

    @Test
    void anObjectWithoutAVerdictIsReadFromItsSlos() throws IOException {
        assertEquals(RunVerdict.PASS, read("{\"slos\": [" + PLAYBACK_PASSED + "]}").verdict());
    }

    @Test
    void missingOrMalformedFilesAreOneLineNamingTheFile() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> SloFiles.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().endsWith("nope.json: missing (the night wrote no SLO results)"), missing.getMessage());
        IOException badVerdict = assertThrows(IOException.class, () -> read("{\"verdict\": \"maybe\", \"slos\": []}"));
        assertTrue(badVerdict.getMessage().endsWith("verdict = maybe: must be pass, fail or inconclusive"), badVerdict.getMessage());
        IOException notJson = assertThrows(IOException.class, () -> read("{"));
        assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
        IOException shape = assertThrows(IOException.class, () -> read("{\"verdict\": \"pass\"}"));
        assertTrue(shape.getMessage().contains("is not slo.json"), shape.getMessage());
    }
}
