package io.dropnight.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** slo.json and slo-junit.xml, byte for byte where the format is ours. */
class SloFilesWriteTest {
    private static final SloResult PLAYBACK_OK =
            SloResult.atMost("playbackStartP99", "finale-drop/playback-start p99", 800, 250.111, "ms");
    private static final SloResult RATE_OK = SloResult.atMost("errorPageRate", "finale-drop error pages per request", 1,
            0.5, "%");
    private static final SloResult NO_SAMPLE = SloResult.atMost("timeToPlayP95", "finale-drop/time-to-play p95", 3_000,
            Double.POSITIVE_INFINITY, "ms");

    @TempDir
    Path dir;

    @Test
    void aPassingNightWritesPassedTrueForEverySlo() throws Exception {
        Path json = dir.resolve("slo.json");
        SloFiles.writeJson(json, List.of(PLAYBACK_OK, RATE_OK));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("pass", root.get("verdict").asText());
        assertEquals(0, root.get("reasons").size());
        JsonNode slos = root.get("slos");
        assertEquals(2, slos.size());
        JsonNode first = slos.get(0);
        assertEquals("playbackStartP99", first.get("name").asText());
        assertEquals("finale-drop/playback-start p99", first.get("metric").asText());
        assertEquals("<=", first.get("comparator").asText());
        assertEquals(800.0, first.get("threshold").asDouble());
        assertEquals(250.111, first.get("actual").asDouble());
        assertEquals("ms", first.get("unit").asText());
        assertTrue(first.get("passed").isBoolean());
        assertEquals(true, first.get("passed").asBoolean());
        assertEquals(true, slos.get(1).get("passed").asBoolean());

        Path xml = dir.resolve("slo-junit.xml");
        SloFiles.writeJUnit(xml, "dropnight.slo.finale-drop", List.of(PLAYBACK_OK, RATE_OK));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dropnight.slo.finale-drop" tests="2" failures="0" errors="0" skipped="0">
                  <testcase classname="dropnight.slo.finale-drop" name="playbackStartP99">
                    <system-out>playbackStartP99: finale-drop/playback-start p99 = 250.111 ms, must be &lt;= 800.000 ms: passed</system-out>
                  </testcase>
                  <testcase classname="dropnight.slo.finale-drop" name="errorPageRate">
                    <system-out>errorPageRate: finale-drop error pages per request = 0.500 %, must be &lt;= 1.000 %: passed</system-out>
                  </testcase>
                </testsuite>
                """, Files.readString(xml, StandardCharsets.UTF_8));
    }

    @Test
    void noSampleIsWrittenAsSuchAndFails() throws Exception {
        Path json = dir.resolve("slo.json");
        SloFiles.writeJson(json, List.of(NO_SAMPLE));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("fail", root.get("verdict").asText());
        JsonNode slo = root.get("slos").get(0);
        assertTrue(slo.get("actual").isNull(), "JSON has no infinity: " + slo);
        assertEquals(false, slo.get("passed").asBoolean());
        assertEquals("timeToPlayP95: finale-drop/time-to-play p95 = no sample ms, must be <= 3000.000 ms: FAILED",
                SloFiles.describe(NO_SAMPLE));

        Path xml = dir.resolve("slo-junit.xml");
        SloFiles.writeJUnit(xml, "dropnight.slo.finale-drop", List.of(NO_SAMPLE, PLAYBACK_OK));
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("tests=\"2\" failures=\"1\""), text);
        assertTrue(text.contains("<failure message=\"timeToPlayP95: finale-drop/time-to-play p95 = no sample ms, "
                + "must be &lt;= 3000.000 ms: FAILED\" type=\"SloBreached\">"), text);
    }

    @Test
    void escapesMarkupQuotesAndControlCharactersInXml() throws Exception {
        SloResult odd = SloResult.atMost("a<b>&\"c'", "night \"x\" & <y>\u0001", 1, 2, "%");
        Path xml = dir.resolve("slo-junit.xml");
        SloFiles.writeJUnit(xml, "suite<&>\"'", List.of(odd));
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        assertTrue(text.contains("<testsuite name=\"suite&lt;&amp;&gt;&quot;&#39;\" tests=\"1\" failures=\"1\""), text);
        assertTrue(text.contains("<testcase classname=\"suite&lt;&amp;&gt;&quot;&#39;\" name=\"a&lt;b&gt;&amp;&quot;c&#39;\">"),
                text);
        assertTrue(text.contains("night &quot;x&quot; &amp; &lt;y&gt;  = 2.000 %"), text);
        assertEquals("a&lt;b&gt;&amp;&quot;c&#39; \n\t", SloFiles.escape("a<b>&\"c'\u0007\n\t"));
        // Whatever the names, the file is well-formed XML.
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }
}
