package io.dropnight.learn.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** nginx's combined format, from a saved log: fields, time zones, the viewer keys, and the lines that are not combined. */
class CombinedParserTest {
    private static final Instant DROP = Instant.parse("2026-11-27T01:00:00Z");

    private static List<String> fixture() throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/fixtures/learn/combined.log"));
    }

    private static LogLine parsed(String line, String viewer) {
        LogLine into = new LogLine();
        assertEquals(LineParser.Outcome.PARSED, new CombinedParser(ViewerKey.parse(viewer, LogFormat.COMBINED)).parse(line, into), line);
        return into;
    }

    @Test
    void readsTheFieldsTheLearnerNeedsAndLeavesTheQueryString() throws Exception {
        List<String> lines = fixture();
        LogLine first = parsed(lines.get(1), "address");
        assertEquals(DROP.minusSeconds(1).getEpochSecond(), first.epochSecond());
        assertEquals("GET", first.method());
        assertEquals("/v2/shows/show-7c1e", first.path());
        assertEquals(200, first.status());
        assertEquals(LogLine.NO_DURATION, first.durationMicros(), "combined logs no duration");
        LogLine common = parsed(lines.get(6), "address");
        assertEquals(404, common.status(), "the common format (no referer, no agent) is read too");
        assertEquals("/api/v1/titles/3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03/art", common.path());
    }

    /** {@code $time_local} carries its zone: 02:00 at +0100 and 20:00 the day before at -0500 are both about the drop. */
    @ParameterizedTest(name = "line {0}: {1} s from the drop")
    @CsvSource({"2, 0", "3, 1", "4, 2", "0, -2", "5, 3"})
    void timesInAnyZoneAreUtcSeconds(int index, int secondsFromDrop) throws Exception {
        assertEquals(DROP.getEpochSecond() + secondsFromDrop, parsed(fixture().get(index), "address").epochSecond());
    }

    @Test
    void theViewerKeysReadTheirOwnFields() throws Exception {
        List<String> lines = fixture();
        // Same address, two viewers by their header: extra:1 tells them apart, the address does not.
        assertEquals(parsed(lines.get(2), "address").viewer(), parsed(lines.get(3), "address").viewer());
        assertNotEquals(parsed(lines.get(0), "extra:1").viewer(), parsed(lines.get(2), "extra:1").viewer());
        assertEquals(parsed(lines.get(2), "extra:1").viewer(), parsed(lines.get(3), "extra:1").viewer());
        assertEquals(parsed(lines.get(2), "user").viewer(), parsed(lines.get(3), "user").viewer());
        assertNotEquals(parsed(lines.get(0), "address+agent").viewer(), parsed(lines.get(0), "address").viewer());
        assertEquals(ViewerHash.of("viewer-17", 0, 9), parsed(lines.get(0), "extra:1").viewer(), "the header's value, hashed");
    }

    @ParameterizedTest(name = "{1} on line {0}")
    @CsvSource({"4, extra:1", "0, user", "5, extra:1", "6, extra:1", "5, extra:2"})
    void aMissingViewerKeyIsSaidApartFromALineThatIsNotCombined(int index, String viewer) throws Exception {
        LogLine into = new LogLine();
        assertEquals(LineParser.Outcome.NO_VIEWER,
                new CombinedParser(ViewerKey.parse(viewer, LogFormat.COMBINED)).parse(fixture().get(index), into));
    }

    /** A TLS handshake on the plain port, a request nginx logged as "-", 31 February, status 999, a JSON line. */
    @ParameterizedTest(name = "line {0}")
    @CsvSource({"7", "8", "9", "10", "11"})
    void linesThatAreNotCombinedDoNotParse(int index) throws Exception {
        assertEquals(LineParser.Outcome.UNPARSABLE,
                new CombinedParser(ViewerKey.parse("address", LogFormat.COMBINED)).parse(fixture().get(index), new LogLine()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"''", "x", "1.2.3.4 - - [27/Nov/2026:01:00:00 +0000]",
        "1.2.3.4 - - [27/Nov/2026:01:00:00 +0000] \"GET /\"", "1.2.3.4 - - [27/Nov/2026:01:00:00 +0000] \"GET x HTTP/1.1\" 200 1",
        "1.2.3.4 - - [27/Nov/2026:01:00:00 +0000] \"GET / HTTP/1.1\" 20", "1.2.3.4 - - [27/Nov/2026:25:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "1.2.3.4 - - [27/Foo/2026:01:00:00 +0000] \"GET / HTTP/1.1\" 200 1", "1.2.3.4 - - [27/Nov/2026:01:00:00 +0000] \"GET / HTTP/1.1\" 2000 1"})
    void truncatedAndMalformedLinesDoNotParse(String line) {
        assertEquals(LineParser.Outcome.UNPARSABLE,
                new CombinedParser(ViewerKey.parse("address", LogFormat.COMBINED)).parse(line, new LogLine()));
    }

    @Test
    void theCachedTimeFollowsTheLines() {
        CombinedParser parser = new CombinedParser(ViewerKey.parse("address", LogFormat.COMBINED));
        LogLine into = new LogLine();
        long[] seconds = new long[3];
        String[] times = {"27/Nov/2026:01:00:00 +0000", "27/Nov/2026:01:00:01 +0000", "27/Nov/2026:01:00:00 +0000"};
        for (int i = 0; i < 3; i++) {
            parser.parse("1.2.3.4 - - [" + times[i] + "] \"GET / HTTP/1.1\" 200 1", into);
            seconds[i] = into.epochSecond();
        }
        assertEquals(List.of(DROP.getEpochSecond(), DROP.getEpochSecond() + 1, DROP.getEpochSecond()),
                List.of(seconds[0], seconds[1], seconds[2]));
    }
}
