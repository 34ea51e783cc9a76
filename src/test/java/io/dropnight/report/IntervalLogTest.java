package io.dropnight.report;

import io.dropnight.runfolder.IntervalLog;
import io.dropnight.runfolder.RunFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalLogTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryTaggedIntervalOfTheSavedServerLog() throws Exception {
        IntervalLog log = IntervalLog.read(Fixtures.run(Fixtures.NONE).resolve("server.hlog"));
        assertEquals(ReportFixtures.START_MILLIS, log.startMillis());
        assertTrue(log.mergedByTag().containsKey("premiere/home/ok"));
        assertTrue(log.intervals().stream().allMatch(i -> i.endMillis() - i.startMillis() == 1000));
    }

    @Test
    void rejectsAFileThatIsNotAHistogramLogNamingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("server.hlog"), "this is not, a histogram log\n1,2,3,@@@\n");
        RunFileException e = assertThrows(RunFileException.class, () -> IntervalLog.read(bad));
        assertEquals(bad + ": line 1 is not an HdrHistogram log line: this is not, a histogram log", e.getMessage(),
                "one line naming the file, the line and what it holds");
    }

    @Test
    void readsAHeaderOnlyLogAsEmpty() throws Exception {
        List<String> header = Files.readAllLines(Fixtures.run(Fixtures.NONE).resolve("server.hlog")).stream()
                .filter(l -> l.startsWith("#") || l.startsWith("\"")).toList();
        Path log = Files.write(dir.resolve("server.hlog"), header);
        assertTrue(IntervalLog.read(log).isEmpty());
    }

    @Test
    void dropsAnIncompleteLastLineLeftByAKilledWriter() throws Exception {
        String saved = Files.readString(Fixtures.run(Fixtures.NONE).resolve("server.hlog"));
        int complete = IntervalLog.read(Fixtures.run(Fixtures.NONE).resolve("server.hlog")).intervals().size();
        Path log = Files.writeString(dir.resolve("server.hlog"), saved + "Tag=premiere/home/ok,30.000,1.000,0.5,HIST");
        assertEquals(complete, IntervalLog.read(log).intervals().size());
    }

    @Test
    void rejectsAnIntervalLineWhoseHistogramCannotBeDecoded() throws Exception {
        String saved = Files.readString(Fixtures.run(Fixtures.NONE).resolve("server.hlog"));
        Path log = Files.writeString(dir.resolve("server.hlog"), saved + "Tag=premiere/home/ok,30.000,1.000,0.5,AAAAAAAA\n");
        RunFileException e = assertThrows(RunFileException.class, () -> IntervalLog.read(log));
        assertTrue(e.getMessage().contains("server.hlog"), e.getMessage());
    }
}
