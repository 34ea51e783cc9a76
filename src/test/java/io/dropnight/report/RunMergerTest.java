package io.dropnight.report;

import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.VerdictRules;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.IntervalLog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.cli.Main;
import io.dropnight.runfolder.RunFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** merge-runs: several injectors of one night become one run whose numbers are those of one recorder. */
class RunMergerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9, 100};

    @TempDir
    Path reports;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int mergeRuns(String... args) {
        List<String> all = new ArrayList<>(List.of("merge-runs"));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<Path> threeInjectors(InjectorRuns runs) throws IOException {
        return List.of(runs.write(reports, 0, 3, 11, 4), runs.write(reports, 1, 3, 12, 37), runs.write(reports, 2, 3, 13, -9));
    }

    @Test
    void mergedPercentilesAreThoseOfOneHistogramOfAllTheInjectorsValues() throws Exception {
        InjectorRuns runs = new InjectorRuns();
        List<Path> dirs = threeInjectors(runs);
        Path merged = reports.resolve("big-night");
        assertEquals(0, mergeRuns("--out", merged.toString(), dirs.get(0).toString(), dirs.get(1).toString(),
                dirs.get(2).toString()), err.toString());

        Map<String, Histogram> byTag = IntervalLog.read(merged.resolve("client.hlog")).mergedByTag();
        assertIdentical(runs.allPlaybackStart, byTag.get(InjectorRuns.PLAYBACK_START));
        assertIdentical(runs.allTimeToPlay, byTag.get(InjectorRuns.TIME_TO_PLAY));

        JsonNode slo = JSON.readTree(merged.resolve("slo.json").toFile()).get("slos");
        assertEquals(runs.allPlaybackStart.getValueAtPercentile(99) / 1000.0, slo.get(0).get("actual").asDouble());
        assertEquals(runs.allTimeToPlay.getValueAtPercentile(95) / 1000.0, slo.get(1).get("actual").asDouble());
        assertTrue(Files.readString(merged.resolve(RunFiles.SLO_JUNIT)).contains("dropnight.slo.finale-drop"));

        JsonNode summary = JSON.readTree(merged.resolve("client-summary.json").toFile());
        long requests = 0;
        long playbackStarts = 0;
        for (Path d : dirs) {
            JsonNode one = JSON.readTree(d.resolve("client-summary.json").toFile());
            requests += one.get("requests").asLong();
            playbackStarts += one.get("playbackStarts").asLong();
        }
        assertEquals(requests, summary.get("requests").asLong());
        assertEquals(playbackStarts, summary.get("playbackStarts").asLong());
        assertEquals(runs.allPlaybackStart.getTotalCount(), playbackStarts);

        JsonNode info = JSON.readTree(merged.resolve("run.json").toFile());
        assertEquals("big-night", info.get("runId").asText());
        assertEquals(3, info.at("/merged/injectors").size());
        assertEquals(46, info.at("/merged/startSkewSpreadMs").asLong(), "37 - (-9)");
        assertEquals(0, info.at("/merged/missingInjectors").size());
        assertFalse(info.has("injector"));
        String page = Files.readString(merged.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("<h2>Injectors</h2>"), page);
        assertTrue(page.contains("within <strong>46 ms</strong>"));
        dirs.forEach(d -> assertTrue(page.contains(d.getFileName().toString())));
        assertTrue(out.toString().contains("surges started within 46 ms of each other at the drop"), out.toString());
    }

    private static void assertIdentical(Histogram expected, Histogram merged) {
        assertEquals(expected.getTotalCount(), merged.getTotalCount());
        for (double p : PERCENTILES) {
            assertEquals(expected.getValueAtPercentile(p), merged.getValueAtPercentile(p), "p" + p);
        }
        assertEquals(expected.getMaxValue(), merged.getMaxValue());
        assertEquals(expected.getMinValue(), merged.getMinValue());
        assertEquals(expected.getMean(), merged.getMean(), 0.0);
        assertEquals(expected, merged, "every bucket");
    }

    @Test
    void aMergedNightIsInconclusiveWhenOneInjectorWas() throws Exception {
        List<Path> dirs = threeInjectors(new InjectorRuns());
        Path saturated = dirs.get(1).resolve("slo.json");
        SloReport own = SloFiles.read(saturated);
        SloFiles.writeJson(saturated, VerdictRules.decide(own.slos(), List.of(VerdictRules.saturated("open files: 19990 open of a limit of 20000"))));
        Path merged = reports.resolve("big-night");
        assertEquals(0, mergeRuns("--out", merged.toString(), dirs.get(0).toString(), dirs.get(1).toString(),
                dirs.get(2).toString()), err.toString());

        SloReport report = SloFiles.read(merged.resolve("slo.json"));
        assertEquals(RunVerdict.INCONCLUSIVE, report.verdict());
        String runId = RunReader.read(dirs.get(1)).runId();
        assertEquals(List.of("the load generator was saturated: " + runId + ": open files: 19990 open of a limit of 20000"),
                report.reasons());
        assertEquals(4, report.slos().size(), "the merged SLOs are kept");
        assertTrue(Files.readString(merged.resolve(RunFiles.SLO_JUNIT)).contains("<error message=\"INCONCLUSIVE: "));
        assertEquals("INCONCLUSIVE", RunReader.read(merged).verdict());
    }

    @Test
    void theMergedReportOfOneRunEqualsThatRunsOwnReport() throws Exception {
        Path run = new InjectorRuns().write(reports, 0, 1, 21, 0);
        Path merged = reports.resolve("one");
        assertEquals(0, mergeRuns("--out", merged.toString(), run.toString()), err.toString());

        assertEquals(JSON.readTree(run.resolve("slo.json").toFile()), JSON.readTree(merged.resolve("slo.json").toFile()));
        assertEquals(JSON.readTree(run.resolve("client-summary.json").toFile()),
                JSON.readTree(merged.resolve("client-summary.json").toFile()));
        RunModel own = RunModel.of(RunReader.read(run));
        RunModel mergedModel = RunModel.of(RunReader.read(merged));
        assertEquals(own.nights().size(), mergedModel.nights().size());
        for (int i = 0; i < own.nights().size(); i++) {
            assertEquals(RunPage.percentileTable(own.nights().get(i)), RunPage.percentileTable(mergedModel.nights().get(i)));
        }
        assertEquals(Fragments.sloTable(RunReader.read(run).slos()), Fragments.sloTable(RunReader.read(merged).slos()));
        assertEquals(RunReader.read(run).verdict(), RunReader.read(merged).verdict());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "night|live-event|night differs",
        "target|http://other.example.internal|target differs",
        "dropAt|2026-11-26T02:00:01Z|dropAt differs",
        "profile|nginx|profile differs",
    })
    void runsOfDifferentNightsAreRefusedNamingTheMismatchAndNothingIsWritten(String field, String value, String expected)
            throws Exception {
        List<Path> dirs = threeInjectors(new InjectorRuns());
        InjectorRuns.set(dirs.get(2), field, value);
        Path merged = reports.resolve("not-one-night");
        assertEquals(2, mergeRuns("--out", merged.toString(), dirs.get(0).toString(), dirs.get(1).toString(),
                dirs.get(2).toString()));
        String line = err.toString().strip();
        assertTrue(line.startsWith("merge-runs: runs are not one night: " + expected + ": "), line);
        assertTrue(line.contains(dirs.get(2).getFileName() + " has " + value), line);
        assertFalse(line.contains("\n"), line);
        assertFalse(Files.exists(merged));
    }

    @Test
    void anInjectorGivenTwiceIsRefusedBecauseItsViewersWouldCountTwice() throws Exception {
        InjectorRuns runs = new InjectorRuns();
        Path a = runs.write(reports, 1, 3, 12, 0);
        Path copy = reports.resolve("copy-of-1");
        Files.createDirectories(copy);
        for (String f : List.of("run.json", "client.hlog", "client-summary.json", "slo.json")) {
            Files.copy(a.resolve(f), copy.resolve(f));
        }
        InjectorRuns.set(copy, "runId", "copy-of-1");
        assertEquals(2, mergeRuns("--out", reports.resolve("m").toString(), a.toString(), copy.toString()));
        assertTrue(err.toString().contains("injector 1 appears twice"), err.toString());
    }

    @Test
    void inconclusiveAndMissingInjectorsAreListedAndAnAbsentVerdictIsTheSlos() throws Exception {
        InjectorRuns runs = new InjectorRuns();
        Path first = runs.write(reports, 0, 3, 11, 0);
        Path second = runs.write(reports, 1, 3, 12, 5);
        InjectorRuns.set(second, "verdict", "inconclusive");
        Path merged = reports.resolve("partial");
        assertEquals(0, mergeRuns("--out", merged.toString(), first.toString(), second.toString()), err.toString());
        JsonNode m = JSON.readTree(merged.resolve("run.json").toFile()).get("merged");
        assertEquals(List.of(second.getFileName().toString()), List.of(m.at("/inconclusive/0").asText()));
        assertEquals(2, m.at("/missingInjectors/0").asInt());
        assertEquals(RunReader.read(first).verdict(), m.at("/injectors/0/verdict").asText());
        assertTrue(out.toString().contains("WARNING injectors missing from this night: [2]"), out.toString());
        assertTrue(Files.readString(merged.resolve("index.html")).contains("verdict was inconclusive"));
    }

    @Test
    void serverLogsOfSeveralInstancesMergeTheSameWay() throws Exception {
        Path run = new InjectorRuns().write(reports, 0, 1, 21, 0);
        Path a = Fixtures.run(Fixtures.NONE).resolve("server.hlog");
        Path b = Fixtures.run(Fixtures.PRIORITY).resolve("server.hlog");
        Path merged = reports.resolve("with-servers");
        assertEquals(0, mergeRuns("--out", merged.toString(), "--server-log", a.toString(), "--server-log", b.toString(),
                run.toString()), err.toString());
        Map<String, Histogram> expected = IntervalLog.read(a).mergedByTag();
        IntervalLog.read(b).mergedByTag().forEach((tag, h) -> expected.merge(tag, h, (x, y) -> {
            Histogram sum = x.copy();
            sum.add(y);
            return sum;
        }));
        Map<String, Histogram> actual = IntervalLog.read(merged.resolve("server.hlog")).mergedByTag();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((tag, h) -> assertIdentical(h, actual.get(tag)));
    }

    @Test
    void aFolderThatAlreadyHoldsARunIsNeverOverwritten() throws Exception {
        Path run = new InjectorRuns().write(reports, 0, 1, 21, 0);
        String before = Files.readString(run.resolve("run.json"));
        assertEquals(2, mergeRuns("--out", run.toString(), run.toString()));
        assertTrue(err.toString().contains("is one of the runs to merge"), err.toString());
        Path other = new InjectorRuns().write(reports.resolve("elsewhere"), 0, 1, 22, 0);
        assertEquals(2, mergeRuns("--out", other.toString(), run.toString()));
        assertTrue(err.toString().contains("already holds a run"), err.toString());
        assertEquals(before, Files.readString(run.resolve("run.json")));
    }
}
