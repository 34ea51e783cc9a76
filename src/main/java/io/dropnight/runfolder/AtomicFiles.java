package io.dropnight.runfolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every JSON file and page of a run or plan folder is written whole or not at all: to a temporary
 * file beside it, then renamed over it, so that a process killed mid-write (or a reader racing
 * the writer) never sees half a file. Stateless; concurrent writers of one file each rename a
 * whole file of their own, the last one wins.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code target}, replacing it in one rename; creates the folder. */
    public static Path write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not createTempFile: its owner-only permissions would make the file unreadable to others.
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
