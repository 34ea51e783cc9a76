package io.dropnight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPageTest {
    private static final String HOSTILE = "</script><script>alert('x')</script>&";

    @Test
    void escapesEveryValueTakenFromTheRunFolder(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.run(Fixtures.NONE).resolve("server.hlog"), dir.resolve("server.hlog"));
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"r1\", \"target\": \"" + HOSTILE.replace("'", "\\u0027")
                + "\", \"parameters\": {\"" + HOSTILE + "\": 1}}");
        Files.writeString(dir.resolve("slo.json"), "[{\"name\": \"" + HOSTILE + "\", \"metric\": \"m\", \"comparator\": \"<=\","
                + " \"threshold\": 1, \"actual\": 2, \"unit\": \"ms\", \"passed\": false}]");
        String html = RunPage.render(RunModel.of(RunReader.read(dir)));
        assertFalse(html.contains("<script>alert"), "no injected element");
        assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
    }

    @Test
    void declaresAsManyChartsAsItDraws() throws Exception {
        String html = RunPage.render(RunModel.of(RunReader.read(Fixtures.run(Fixtures.NONE))));
        Matcher expected = Pattern.compile("data-charts-expected=\"(\\d+)\"").matcher(html);
        assertTrue(expected.find());
        // load, error pages, time to play and four endpoints
        assertEquals(7, Integer.parseInt(expected.group(1)));
        assertEquals(7, Pattern.compile("<canvas id=").matcher(html).results().count());
    }

    @Test
    void marksPassAndFailWithAWordAndAnIconBesideTheColour() throws Exception {
        String html = RunPage.render(RunModel.of(RunReader.read(Fixtures.run(Fixtures.NONE))));
        assertTrue(html.contains("<span class=\"verdict fail\"><span aria-hidden=\"true\">\u2718</span> FAIL</span>"));
        assertTrue(html.contains("<span class=\"verdict pass\"><span aria-hidden=\"true\">\u2714</span> PASS</span>"));
    }

    @Test
    void aNightStoppedEarlySaysWhereAndWhyAboveItsFigures(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.run(Fixtures.NONE).resolve("server.hlog"), dir.resolve("server.hlog"));
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"r3\", \"night\": \"finale-drop\"}");
        String stop = io.dropnight.runfolder.VerdictRules.stopped(7, "abandonment", "6 viewers who gave up already exceed 0.5 % <of> 1,000");
        io.dropnight.runfolder.SloFiles.writeJson(dir.resolve("slo.json"), io.dropnight.runfolder.VerdictRules.stoppedEarly(
                io.dropnight.runfolder.VerdictRules.decide(java.util.List.of(), java.util.List.of()), stop));
        String html = RunPage.render(RunModel.of(RunReader.read(dir)));
        assertTrue(html.contains("<p class=\"reasons\"><strong>Stopped early (-Dslo.abortOnFail):</strong> stopped at +7 s: abandonment"
                + " lost (6 viewers who gave up already exceed 0.5 % &lt;of&gt; 1,000). The figures below cover the night up to there.</p>"), html);
        String plain = RunPage.render(RunModel.of(RunReader.read(Fixtures.run(Fixtures.NONE))));
        assertFalse(plain.contains("Stopped early"), "a night that ran to its end says nothing of it");
    }

    @Test
    void anExternalTargetShowsItsProfileAndNoStubPolicy(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.run(Fixtures.NONE).resolve("server.hlog"), dir.resolve("server.hlog"));
        Files.writeString(dir.resolve("run.json"), """
                {"runId": "r2", "night": "finale-drop", "target": "http://127.0.0.1:8080", "embedded": false,
                 "targetKind": "external target",
                 "profile": {"name": "nginx-staging", "source": "staging.yml", "skippedSteps": ["session"],
                             "content": "name: nginx-staging\\nhome: { path: /v2/browse }"},
                 "warnUnclassified": true, "unclassified": {"home 403": 12}}""");
        String html = RunPage.render(RunModel.of(RunReader.read(dir)));
        assertTrue(html.contains("against the <strong>external target</strong> http://127.0.0.1:8080, profile <strong>nginx-staging</strong>"), html);
        assertFalse(html.contains("policy <strong>"), "no stub policy");
        assertTrue(html.contains("<h2>Target profile nginx-staging</h2>"));
        assertTrue(html.contains("The journey skipped [&quot;session&quot;]"), html);
        assertTrue(html.contains("home: { path: /v2/browse }"));
        assertTrue(html.contains("answers its target profile does not describe"), "the unclassified warning");
    }
}
