package io.dropnight.learn.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** JSON lines with named fields, from a saved log: ISO and epoch times, renamed fields, missing keys, lines that are not JSON. */
class JsonLinesParserTest {
    private static final long DROP = Instant.parse("2026-11-27T01:00:00Z").getEpochSecond();

    private static List<String> fixture() throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/fixtures/learn/jsonl.log"));
    }

    private static LineParser parser(String viewer, String... renames) {
        return LineParser.of(LogFormat.JSON_LINES, ViewerKey.parse(viewer, LogFormat.JSON_LINES), JsonFields.parse(List.of(renames)));
    }

    @Test
    void readsNamedFieldsAsTextOrNumbersInAnyOrder() throws Exception {
        List<String> lines = fixture();
        LogLine a = new LogLine();
        assertEquals(LineParser.Outcome.PARSED, parser("field:viewer").parse(lines.get(0), a));
        assertEquals(DROP - 2, a.epochSecond());
        assertEquals("GET", a.method());
        assertEquals("/v2/browse", a.path());
        assertEquals(200, a.status());
        assertEquals(12_000, a.durationMicros(), "seconds, as nginx's $request_time");
        LogLine b = new LogLine();
        assertEquals(LineParser.Outcome.PARSED, parser("field:viewer").parse(lines.get(1), b));
        assertEquals(DROP, b.epochSecond(), "02:00 at +01:00");
        assertEquals("/v2/watch/e108", b.path(), "without its query");
        assertEquals(503, b.status(), "a status given as text");
        assertEquals(2_000, b.durationMicros());
        LogLine c = new LogLine();
        assertEquals(LineParser.Outcome.PARSED, parser("field:viewer").parse(lines.get(2), c));
        assertEquals(DROP + 1, c.epochSecond(), "epoch seconds with a fraction, as nginx's $msec");
        assertEquals(LogLine.NO_DURATION, c.durationMicros());
        assertEquals(ViewerHash.of("23", 0, 2), c.viewer(), "a numeric key is its text");
        LogLine d = new LogLine();
        assertEquals(LineParser.Outcome.PARSED, parser("address").parse(lines.get(2), d));
        assertEquals(ViewerHash.of("198.51.100.23", 0, 13), d.viewer());
    }

    @Test
    void fieldsAreRenamedWithField() throws Exception {
        LogLine into = new LogLine();
        assertEquals(LineParser.Outcome.PARSED, parser("field:device", "time=ts", "method=verb", "path=uri", "status=code", "duration=rt")
                .parse(fixture().get(9), into));
        assertEquals(DROP + 5, into.epochSecond());
        assertEquals("/v2/shows/42", into.path());
        assertEquals(250_000, into.durationMicros());
    }

    @Test
    void aMissingViewerKeyIsSaidApartFromALineThatDoesNotParse() throws Exception {
        List<String> lines = fixture();
        assertEquals(LineParser.Outcome.NO_VIEWER, parser("field:viewer").parse(lines.get(3), new LogLine()), "viewer: -");
        assertEquals(LineParser.Outcome.NO_VIEWER, parser("field:viewer").parse(lines.get(4), new LogLine()), "no viewer field");
        assertEquals(LineParser.Outcome.NO_VIEWER, parser("address").parse(lines.get(1), new LogLine()), "no address field");
    }

    /** A time without its zone, no status, text after the object, not JSON, the renamed line under default names. */
    @ParameterizedTest(name = "line {0}")
    @ValueSource(ints = {5, 6, 7, 8, 9})
    void linesWithoutATimeMethodPathOrStatusDoNotParse(int index) throws Exception {
        assertEquals(LineParser.Outcome.UNPARSABLE, parser("field:viewer").parse(fixture().get(index), new LogLine()));
    }

    @Test
    void aRenameOfAnUnknownFieldIsOneLine() {
        LogFileException e = org.junit.jupiter.api.Assertions.assertThrows(LogFileException.class, () -> JsonFields.parse(List.of("when=ts")));
        assertEquals("--field when=ts: must be NAME=KEY with NAME one of [time, method, path, status, duration, address, agent],"
                + " such as time=time_iso8601", e.getMessage());
    }
}
