package io.dropnight.simulations;

import io.dropnight.simulations.nights.NightFileException;
import io.dropnight.simulations.nights.NightReader;
import io.dropnight.simulations.params.SloThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A premiere's SLOs travel with its night file; a -Dslo flag still overrides each (issue 23). */
class NightFileSlosTest {
    private static final String NIGHT = """
            name: premiere-with-targets
            drop: 1m
            audience: 900000
            slos: { errorPageRate: 0.5%, playbackStartP99: 1.2s, abandonment: 0.2 }
            populations:
              - { name: viewers, behaviour: play-now, arrivals: [ { until: drop }, { ramp: 300, over: 30s } ] }
            """;

    private static Properties props(Path dir, String... kv) {
        Properties p = new Properties();
        p.setProperty("reportsDir", dir.resolve("reports").toString());
        p.setProperty("dropnight.launcher", "dropnight");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void theNightsTargetsHoldUnlessAFlagSaysOtherwise(@TempDir Path dir) throws Exception {
        Path night = Files.writeString(dir.resolve("n.yml"), NIGHT);
        PreparedNight fromFile = PreparedNight.prepare(Optional.empty(), props(dir, "night", night.toString(), "rehearsal", "150"));
        assertEquals(new SloThresholds(1200, 3000, 0.5, 0.2), fromFile.parameters().slo(), "the file's, the rest at their defaults");
        assertEquals(0.5, fromFile.parameters().scale(), 1e-12, "150 of the night's 300");
        PreparedNight flagged = PreparedNight.prepare(Optional.empty(),
                props(dir, "night", night.toString(), "slo.errorPageRatePct", "2", "scale", "0.1"));
        assertEquals(new SloThresholds(1200, 3000, 2, 0.2), flagged.parameters().slo(), "the flag wins where it speaks");
        assertTrue(!Files.exists(dir.resolve("reports")), "preparing writes nothing");
    }

    @Test
    void aThresholdThatCannotBeIsOneLine() {
        NightFileException e = assertThrows(NightFileException.class,
                () -> NightReader.parse("n.yml", NIGHT.replace("errorPageRate: 0.5%", "errorPageRate: 150%")));
        assertEquals("night n.yml: slos.errorPageRate: '150%' must be a percentage from 0% to 100%, such as 1%", e.getMessage());
        NightFileException key = assertThrows(NightFileException.class,
                () -> NightReader.parse("n.yml", NIGHT.replace("abandonment: 0.2", "abandon: 0.2")));
        assertTrue(key.getMessage().startsWith("night n.yml: slos.abandon: '0.2' unknown key"), key.getMessage());
    }
}
