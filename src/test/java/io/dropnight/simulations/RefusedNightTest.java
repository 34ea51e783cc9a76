package io.dropnight.simulations;

import io.dropnight.simulations.params.LiveOptions;
import io.dropnight.simulations.params.NightParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
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
    void theRehearsalsSizeIsSaidOnceAndWithinTheScalesBounds(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        RunRefused both = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "rehearsal", "6000", "scale", "0.5")));
        assertEquals("bad parameter: rehearsal = 6000: the rehearsal's size is said once: -Drehearsal (viewers) or -Dscale, not both",
                both.getMessage());
        RunRefused huge = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "rehearsal", "2000000")));
        assertEquals("bad parameter: rehearsal = 2000000: the night has 12,425 viewers at scale 1, so that is a scale of 160.96579,"
                + " outside 0.001 to 100", huge.getMessage());
        Path night = Files.writeString(dir.resolve("n.yml"), "name: n\ndrop: 1m\npopulations:\n"
                + "  - { name: p, behaviour: play-now, arrivals: [ { ramp: 10, over: 10s, ovre: 1 } ] }\n");
        RunRefused file = assertThrows(RunRefused.class, () -> NightRun.prepare(Optional.empty(), props(reports, "night", night.toString())));
        assertEquals("night " + night + ": populations[0] (p).arrivals[0].ovre: '1' unknown key (allowed here: [name, ramp, over])",
                file.getMessage());
        assertEquals(RunRefused.BAD_PARAMETER, file.exitStatus());
        assertFalse(Files.exists(reports), "nothing was written");
    }

    /** mvn gatling:test -Dplan=capacity used to run an ordinary night and ignore -Dplan. */
    @Test
    void aNightGivenAPlanIsRefusedBeforeAnyRunFolderOrService(@TempDir Path dir) {
        Path reports = dir.resolve("reports");
        RunRefused e = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "plan", "capacity", "scale", "foo")));
        assertEquals("bad parameter: plan = capacity: a plan is a sequence of nights, run by scripts/plan.sh -Dplan=capacity"
                + " (mvn gatling:test runs one night)", e.getMessage(), "the plan's line, before any other flag's");
        assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
        assertFalse(Files.exists(reports), "nothing was written");
        RunRefused other = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "plan", "sizing")));
        assertEquals("bad parameter: plan = sizing: a plan is a sequence of nights, run by scripts/plan.sh"
                + " -Dplan=capacity|breakpoint (mvn gatling:test runs one night)", other.getMessage());
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

    /** A metrics port in use is refused before the run folder, the embedded service or any load. */
    @Test
    void aMetricsPortInUseIsRefusedBeforeAnyRunFolderOrService(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            RunRefused e = assertThrows(RunRefused.class, () -> NightRun.prepare(Optional.empty(), props(reports,
                    LiveOptions.METRICS_PORT, Integer.toString(port), NightParameters.LAUNCHER, NightParameters.OWN_LAUNCHER)));
            assertTrue(e.getMessage().startsWith("bad parameter: metrics.port = " + port + ": cannot be bound on 127.0.0.1 ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("); choose a free port, or 0"), e.getMessage());
            assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
            assertFalse(Files.exists(reports), "nothing was written, no service started");
        }
    }

    @Test
    void aShardWithoutATargetIsRefused(@TempDir Path dir) {
        RunRefused e = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(dir, "injectors", "3", "injector", "1")));
        assertEquals("bad parameter: injectors = 3: a sharded night needs -Dtarget, the one service every injector loads",
                e.getMessage());
    }

    @Test
    void aBadProfileIsRefusedInOneLineNamingTheFileTheKeyAndTheRule(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("staging.yml");
        Files.writeString(profile, Files.readString(Path.of("docs/profiles/dropnight.yml")).replace("capture: { episodeIds", "captur: { episodeIds"));
        Path reports = dir.resolve("reports");
        RunRefused e = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "profile", profile.toString())));
        assertTrue(e.getMessage().startsWith("profile " + profile + ": steps[2].captur: unknown key"), e.getMessage());
        assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
        assertFalse(Files.exists(reports), "nothing was written");
    }

    @Test
    void anUnreachableTargetStopsInPreflightBeforeAnyLoad(@TempDir Path dir) {
        Path reports = dir.resolve("reports");
        RunRefused e = assertThrows(RunRefused.class,
                () -> NightRun.prepare(Optional.empty(), props(reports, "target", "http://127.0.0.1:1")));
        assertTrue(e.getMessage().startsWith("preflight failed at step session: POST http://127.0.0.1:1/api/session:"
                + " the target is unreachable"), e.getMessage());
        assertEquals(RunRefused.PREFLIGHT_FAILED, e.exitStatus());
        assertFalse(Files.exists(reports), "nothing was written");
    }

    @Test
    void onlyDropnightsOwnLauncherMakesARefusalExit(@TempDir Path dir) {
        assertFalse(NightParameters.launchedByDropnight(props(dir)), "a host that is not Dropnight's launcher gets the exception");
        assertFalse(NightParameters.launchedByDropnight(props(dir, NightParameters.LAUNCHER, "maven")));
        assertTrue(NightParameters.launchedByDropnight(props(dir, NightParameters.LAUNCHER, "dropnight")));
    }

    @Test
    void anOrchestratorsHostMustGiveATarget(@TempDir Path dir) {
        Path reports = dir.resolve("reports");
        RunRefused e = assertThrows(RunRefused.class, () -> NightRun.prepare(Optional.empty(), props(reports)));
        assertEquals("bad parameter: target is not set: outside Dropnight's own launchers (mvn gatling:test,"
                + " scripts/plan.sh, the injector image) no embedded service is started; give -Dtarget=URL,"
                + " or -Ddropnight.launcher=dropnight to start one in this JVM's host", e.getMessage());
        assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
        assertFalse(Files.exists(reports), "nothing was written, no service started");
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

    @Test
    void gatlingsLauncherRefusesAPlanWithOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dplan=capacity"))) {
            assertEquals(RunRefused.BAD_PARAMETER, gatling.await(120));
            String log = gatling.log();
            List<String> ours = log.lines().filter(l -> l.startsWith("dropnight:")).toList();
            assertEquals(List.of("dropnight: bad parameter: plan = capacity: a plan is a sequence of nights, run by"
                    + " scripts/plan.sh -Dplan=capacity (mvn gatling:test runs one night)"), ours, log);
            assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), "no stack trace:\n" + log);
            assertFalse(Files.exists(gatling.reports()), "nothing was written");
        }
    }

    @Test
    void gatlingsLauncherRefusesAMetricsPortInUseWithOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dmetrics.port=" + taken.getLocalPort()))) {
            assertEquals(RunRefused.BAD_PARAMETER, gatling.await(120));
            String log = gatling.log();
            List<String> ours = log.lines().filter(l -> l.startsWith("dropnight:")).toList();
            // the night's description first (its profile, its audience), then the refusal, and nothing started
            assertTrue(ours.get(ours.size() - 1).startsWith("dropnight: bad parameter: metrics.port = " + taken.getLocalPort()
                    + ": cannot be bound on 127.0.0.1 ("), log);
            assertTrue(ours.stream().noneMatch(l -> l.contains("embedded service") || l.contains("run folder")), log);
            assertFalse(log.contains("Simulation io.dropnight.simulations.ReleaseNightSimulation started"), log);
            assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), "no stack trace:\n" + log);
            assertFalse(Files.exists(gatling.reports()), "nothing was written");
        }
    }

    /** The new user's mistake of issue 8: nothing listening at the target no longer runs a whole night. */
    @Test
    void gatlingsLauncherStopsAnUnreachableTargetWithExitFour(@TempDir Path dir) throws Exception {
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dtarget=http://127.0.0.1:1"))) {
            assertEquals(RunRefused.PREFLIGHT_FAILED, gatling.await(120));
            String log = gatling.log();
            List<String> ours = log.lines().filter(l -> l.startsWith("dropnight:")).toList();
            assertTrue(ours.get(ours.size() - 1).startsWith("dropnight: preflight failed at step session: POST http://127.0.0.1:1/api/session"),
                    log);
            assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception:")), "no stack trace:\n" + log);
            assertFalse(Files.exists(gatling.reports()), "nothing was written");
        }
    }

    /** A queue of accounts shorter than the night's viewers is refused before any load, naming both counts. */
    @Test
    void tooFewAccountsForAQueueAreRefusedBeforeAnyLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("accounts.csv"), "username,password\nada,pw-1\nbob,pw-2\n");
        Path profile = Files.writeString(dir.resolve("staging.yml"), """
                name: staging
                accounts: { csv: accounts.csv, strategy: queue }
                session: { method: POST, path: /login, body: '{"user":"#{username}","password":"#{password}"}' }
                home:  { path: /home, save: { titleId: hero.id, finalEpisodeId: hero.last } }
                title: { path: '/titles/#{titleId}' }
                play:  { method: POST, path: '/play/#{episodeId}' }
                """);
        Path reports = dir.resolve("reports");
        RunRefused e = assertThrows(RunRefused.class, () -> NightRun.prepare(Optional.empty(), props(reports,
                "target", "http://127.0.0.1:9", "profile", profile.toString(), "preflight", "false", "dropOffset", "5s",
                "night", "finale-drop", "scale", "0.05")));
        assertTrue(e.getMessage().startsWith("profile " + profile + ": accounts " + dir.resolve("accounts.csv")
                + ": 2 rows for the night, which starts 620 viewers; strategy queue signs each account in once"), e.getMessage());
        assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
        assertFalse(Files.exists(reports), "nothing was written");
    }
}
