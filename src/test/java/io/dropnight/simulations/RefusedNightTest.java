package io.dropnight.simulations;

import io.dropnight.simulations.params.NightParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A night that must not run is refused before anything is started or written: the run context
 * throws {@link RunRefused} (no {@code System.exit}, no stack trace of its own); under Gatling's own
 * launcher, as the Maven plugin runs it, the console shows that one line and the JVM exits 2.
 */
class RefusedNightTest {
    private static Properties props(Path reports, String... kv) {
        Properties p = new Properties();
        p.setProperty(NightParameters.REPORTS_DIR, reports.toString());
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void aBadParameterIsRefusedBeforeAnyRunFolderOrService(@TempDir Path dir) {
        Path reports = dir.resolve("reports");
        RunRefused e = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "scale", "foo")));
        assertEquals("bad parameter: scale = foo: must be a number such as 0.5 or 20", e.getMessage());
        assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
        assertEquals(0, e.getStackTrace().length, "the line is the whole message");
        assertFalse(Files.exists(reports), "nothing was written");
    }

    @Test
    void aBadInjectorBoundIsRefusedBeforeAnyRunFolderOrService(@TempDir Path dir) {
        Path reports = dir.resolve("reports");
        RunRefused e = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "injector.fdPercent", "150")));
        assertEquals("bad parameter: injector.fdPercent = 150: must be a number from 1 to 100", e.getMessage());
        assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
        assertFalse(Files.exists(reports), "nothing was written");
    }

    @Test
    void aShardWithoutATargetIsRefused(@TempDir Path dir) {
        RunRefused e = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(dir, "injectors", "3", "injector", "1")));
        assertEquals("bad parameter: injectors = 3: a sharded night needs -Dtarget, the one service every injector loads",
                e.getMessage());
    }

    @Test
    void onlyAnExplicitExitMakesARefusalExit(@TempDir Path dir) {
        assertFalse(NightParameters.exitOnRefusal(props(dir)), "a host that is not Gatling's launcher gets the exception");
        assertFalse(NightParameters.exitOnRefusal(props(dir, NightParameters.ON_REFUSAL, "halt")));
        assertTrue(NightParameters.exitOnRefusal(props(dir, NightParameters.ON_REFUSAL, "exit")));
    }

    @Test
    void gatlingsLauncherShowsOneLineAndExitsTwo(@TempDir Path dir) throws Exception {
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dscale=foo"))) {
            assertEquals(RunRefused.BAD_PARAMETER, gatling.await(120));
            String log = gatling.log();
            List<String> ours = log.lines().filter(l -> l.startsWith("dropnight:")).toList();
            assertEquals(List.of("dropnight: bad parameter: scale = foo: must be a number such as 0.5 or 20"), ours, log);
            assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), "no stack trace:\n" + log);
            assertFalse(Files.exists(gatling.reports()), "nothing was written");
        }
    }
}
