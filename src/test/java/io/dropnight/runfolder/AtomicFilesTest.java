package io.dropnight.runfolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run's files are replaced whole, through a temporary file that does not stay behind. */
class AtomicFilesTest {

    @Test
    void replacesTheFileWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("deeper").resolve(RunFiles.RUN_INFO);
        AtomicFiles.write(target, "{\"a\":1}\n");
        AtomicFiles.write(target, "{\"b\":2}\n");
        assertEquals("{\"b\":2}\n", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "only the file itself is left");
        }
    }
}
