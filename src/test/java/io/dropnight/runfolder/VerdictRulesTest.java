package io.dropnight.runfolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A saturated load generator makes a run inconclusive, whatever its SLOs; slo.json and JUnit say so apart. */
class VerdictRulesTest {
    private static final SloResult MET = SloResult.atMost("playbackStartP99", "finale-drop/playback-start p99", 800, 30, "ms");
    private static final SloResult MISSED = SloResult.atMost("timeToPlayP95", "finale-drop/time-to-play p95", 3000, 16000, "ms");
    private static final String FDS = "open files 698 of 700 (99.7 %, bound 90 %) at +12 s";

    @Test
    void allSlosMetAndNoSaturationPasses() {
        SloReport r = VerdictRules.decide(List.of(MET), List.of());
        assertEquals(RunVerdict.PASS, r.verdict());
        assertEquals(List.of(), r.reasons());
    }

    @Test
    void aMissedSloFailsWithItsLineAsTheReason() {
        SloReport r = VerdictRules.decide(List.of(MET, MISSED), List.of());
        assertEquals(RunVerdict.FAIL, r.verdict());
        assertEquals(List.of("timeToPlayP95: finale-drop/time-to-play p95 = 16000.000 ms, must be <= 3000.000 ms: FAILED"),
                r.reasons());
    }

    @Test
    void aSaturatedInjectorIsInconclusiveEvenWhenSlosFailedAndKeepsTheSlos() {
        SloReport r = VerdictRules.decide(List.of(MET, MISSED), List.of(VerdictRules.saturated(FDS)));
        assertEquals(RunVerdict.INCONCLUSIVE, r.verdict());
        assertEquals(List.of("the load generator was saturated: " + FDS), r.reasons());
        assertEquals(2, r.slos().size(), "nothing recorded is lost");
    }

    @Test
    void injectorErrorsAreInconclusiveNeverAFailOfTheService() {
        SloReport r = VerdictRules.decide(List.of(MET, MISSED), List.of(VerdictRules.injectorErrors(6212,
                "injector error in choose-episode: NumberFormatException: For input string: \"e108\"")));
        assertEquals(RunVerdict.INCONCLUSIVE, r.verdict(), "a harness bug never passes as the service's verdict");
        assertEquals(List.of("the harness failed inside the viewers' journeys: 6,212 injector errors (the viewers stopped"
                + " never asked the target); first: injector error in choose-episode: NumberFormatException: For input"
                + " string: \"e108\""), r.reasons());
        assertEquals(2, r.slos().size(), "the SLO figures are kept");
        assertThrows(IllegalArgumentException.class, () -> VerdictRules.injectorErrors(0, "none"));
    }

    @Test
    void aMergeKeepsEachCauseAndNamesItsRun() {
        SloReport stopped = VerdictRules.decide(List.of(MET), List.of(VerdictRules.injectorErrors(1, "injector error in play: x")));
        SloReport stalled = VerdictRules.decide(List.of(MET), List.of(VerdictRules.HOST_STALLED + "2,004 ms at +31 s"));
        SloReport merged = VerdictRules.merge(List.of(MET), List.of(new VerdictRules.Part("run-0", stopped),
                new VerdictRules.Part("run-1", stalled)));
        assertEquals(List.of(VerdictRules.INJECTOR_ERRORS + "run-0: 1 injector error (the viewers stopped never asked the"
                + " target); first: injector error in play: x", VerdictRules.HOST_STALLED + "run-1: 2,004 ms at +31 s"), merged.reasons());
    }

    @Test
    void aMergeIsInconclusiveWhenAnyInjectorWas() {
        SloReport clean = VerdictRules.decide(List.of(MET), List.of());
        SloReport saturated = VerdictRules.decide(List.of(MET), List.of(VerdictRules.saturated(FDS)));
        SloReport merged = VerdictRules.merge(List.of(MET), List.of(new VerdictRules.Part("run-0", clean),
                new VerdictRules.Part("run-1", saturated)));
        assertEquals(RunVerdict.INCONCLUSIVE, merged.verdict());
        assertEquals(List.of("the load generator was saturated: run-1: " + FDS), merged.reasons());
        assertEquals(RunVerdict.PASS, VerdictRules.merge(List.of(MET), List.of(new VerdictRules.Part("run-0", clean))).verdict());
    }

    @Test
    void sloJsonCarriesTheVerdictAndJUnitShowsInconclusiveAsAnError(@TempDir Path dir) throws Exception {
        SloReport r = VerdictRules.decide(List.of(MET, MISSED), List.of(VerdictRules.saturated(FDS)));
        Path json = dir.resolve("slo.json");
        SloFiles.writeJson(json, r);
        assertEquals(r, SloFiles.read(json));
        assertTrue(Files.readString(json).contains("\"verdict\" : \"inconclusive\""), Files.readString(json));

        Path xml = dir.resolve("slo-junit.xml");
        SloFiles.writeJUnit(xml, "dropnight.slo.finale-drop", r);
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("tests=\"3\" failures=\"1\" errors=\"1\""), text);
        assertTrue(text.contains("<error message=\"INCONCLUSIVE: the load generator was saturated: " + FDS
                + "\" type=\"Inconclusive\">"), text);
    }

    private static final String STOP = "stopped at +12 s: timeToPlayP95 lost (61 times to play over 3,000 ms already exceed 5 %"
            + " of the 1,200 the night can make at most)";

    @Test
    void aNightStoppedEarlyFailsWithTheStopAsItsFirstReasonInEveryFile(@TempDir Path dir) throws Exception {
        assertEquals(STOP, VerdictRules.stopped(12, "timeToPlayP95", "61 times to play over 3,000 ms already exceed 5 % of the 1,200"
                + " the night can make at most"));
        SloReport r = VerdictRules.stoppedEarly(VerdictRules.decide(List.of(MET, MISSED), List.of()), STOP);
        assertEquals(RunVerdict.FAIL, r.verdict());
        assertEquals(List.of(STOP, "timeToPlayP95: finale-drop/time-to-play p95 = 16000.000 ms, must be <= 3000.000 ms: FAILED"),
                r.reasons());
        assertEquals(java.util.Optional.of(STOP), VerdictRules.stopReason(r));
        // a night cut short never passes, whatever the SLOs of what ran say
        assertEquals(RunVerdict.FAIL, VerdictRules.stoppedEarly(VerdictRules.decide(List.of(MET), List.of()), STOP).verdict());

        Path json = dir.resolve("slo.json");
        SloFiles.writeJson(json, r);
        assertEquals(r, SloFiles.read(json));
        Path xml = dir.resolve("slo-junit.xml");
        SloFiles.writeJUnit(xml, "dropnight.slo.finale-drop", r);
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("tests=\"3\" failures=\"2\" errors=\"0\""), text);
        assertTrue(text.contains("name=\"" + SloFiles.STOPPED_EARLY + "\">\n    <failure message=\"stopped at +12 s: timeToPlayP95"
                + " lost (61 times to play over 3,000 ms already exceed 5 % of the 1,200 the night can make at most)\""
                + " type=\"NightStopped\">"), text);
        assertThrows(IllegalArgumentException.class, () -> VerdictRules.stoppedEarly(r, "lost"));
        assertThrows(IllegalArgumentException.class, () -> VerdictRules.stopped(-1, "a", "b"));
    }

    @Test
    void anInconclusiveNightStoppedEarlyStaysInconclusiveAndMergesWithoutItsStop(@TempDir Path dir) throws Exception {
        SloReport r = VerdictRules.stoppedEarly(VerdictRules.decide(List.of(MET, MISSED), List.of(VerdictRules.saturated(FDS))), STOP);
        assertEquals(RunVerdict.INCONCLUSIVE, r.verdict(), "a saturated injector is still named as such");
        assertEquals(List.of(VerdictRules.saturated(FDS), STOP), r.reasons());
        Path xml = dir.resolve("slo-junit.xml");
        SloFiles.writeJUnit(xml, "dropnight.slo.finale-drop", r);
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("tests=\"4\" failures=\"1\" errors=\"1\""), text);
        assertTrue(text.contains("name=\"" + SloFiles.STOPPED_EARLY + "\">\n    <system-out>stopped at +12 s"), text);
        SloReport merged = VerdictRules.merge(List.of(MET), List.of(new VerdictRules.Part("run-0", r)));
        assertEquals(List.of("the load generator was saturated: run-0: " + FDS), merged.reasons(), "a stop is no cause of doubt");
    }

    @Test
    void theOlderArrayShapeReadsWithTheVerdictOfItsSlos(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("slo.json");
        Files.writeString(json, "[{\"name\":\"a\",\"metric\":\"m\",\"comparator\":\"<=\",\"threshold\":1,\"actual\":2,"
                + "\"unit\":\"ms\",\"passed\":false}]");
        SloReport r = SloFiles.read(json);
        assertEquals(RunVerdict.FAIL, r.verdict());
        assertEquals(1, r.slos().size());
    }

    @Test
    void anUnknownVerdictIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("slo.json");
        Files.writeString(json, "{\"verdict\": \"maybe\", \"slos\": []}");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> SloFiles.read(json));
        assertEquals(json + ": verdict = maybe: must be pass, fail or inconclusive", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void promisesThatCouldNotBeCheckedMakeAPassingNightInconclusiveNeverAPass() {
        SloResult fast = SloResult.atMost("errorPageRate", "cinema-rush error pages per request", 1, 0.2, "%");
        SloResult unchecked = new SloResult("no-lost-confirmation", "cinema-rush ...: NOT CHECKED (no database)", "<=", 0,
                Double.NaN, "confirmations", false);
        SloReport report = VerdictRules.decide(List.of(fast, unchecked), List.of());
        SloReport doubted = VerdictRules.withCause(report, VerdictRules.promisesUnchecked("no reservations database was given"));
        assertEquals(RunVerdict.INCONCLUSIVE, doubted.verdict());
        assertEquals(List.of("the promises could not be checked: no reservations database was given"), doubted.reasons());
        assertEquals(report.slos(), doubted.slos());
        // a merge keeps the cause with its run
        SloReport merged = VerdictRules.merge(List.of(fast), List.of(new VerdictRules.Part("run-1", doubted)));
        assertEquals(List.of("the promises could not be checked: run-1: no reservations database was given"), merged.reasons());
        assertThrows(IllegalArgumentException.class, () -> VerdictRules.withCause(report, "a reason of no known kind"));
    }
}
