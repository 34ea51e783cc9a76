package io.dropnight.simulations;

import io.dropnight.core.ServeFlags;
import io.dropnight.reservations.LedgerReader;
import io.dropnight.reservations.Promise;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ConfirmationLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service dies (SIGKILL) in the middle of the cinema rush and is started again on the same
 * database and port while the night goes on: a confirmation a viewer received is never lost, and no
 * seat is sold twice. The same night against the service's test-only {@code --unsafe-ack-before-commit}
 * (a confirm answered before its commit) breaks no-lost-confirmation: the check catches what it claims to
 * ({@link CinemaRushUnsafeAckTest}, a class of its own so that the two nights run side by side).
 * The service is the night's external target (its own JVM, which the test kills), the database given
 * to the night with {@code -Dreservations.database}; without it the promises are not checked and the
 * night is inconclusive, never a pass ({@link CinemaRushNoDatabaseTest}).
 */
@Tag("night")
class CinemaRushKillTest {
    /** The rehearsal: 1,500 viewers of the night's 11,500 at scale 1, of the real night's 1,100,000. */
    private static final int REHEARSAL = 1500;
    private static final double SCALE = REHEARSAL / 11_500.0;
    private static final double SHARE = REHEARSAL / 1_100_000.0;
    /** Confirmations recorded before the kill: the rush is under way, bookings are being made. */
    private static final int BEFORE_KILL = 20;
    /**
     * The night's compression: 10 (not the default 20) leaves a tail of 36 s after the 12-s step, so
     * that the restarted service (a JVM start, seconds on a loaded box) still serves a good part of it.
     */
    private static final String COMPRESSION = "10";

    @Test
    void aServiceKilledMidRushAndRestartedOnItsDatabaseKeepsEveryPromise(@TempDir Path dir) throws Exception {
        Night night = rush(dir, List.of());
        SloReport slo = night.slo();
        for (Promise p : Promise.values()) {
            SloResult r = promise(slo, p);
            assertTrue(r.passed(), r + "\n" + night.log());
            assertEquals(0.0, r.actual());
        }
        // the restarted service served the rest of the night (a restart took 3–16 s here under load)
        assertTrue(night.received() - night.atKill() >= 50, "viewers were told of bookings after the restart too: "
                + night.atKill() + " at the kill, " + night.received() + " in all\n" + night.log());
        assertTrue(night.log().contains("dropnight: promises: no-seat-sold-twice: kept (0)"), night.log());
    }

    /** What one night with a kill left behind. */
    record Night(Path run, SloReport slo, String log, int atKill, int received) {
    }

    /** Runs the rush against a service started with {@code unsafe}, SIGKILLs it once bookings flow, restarts it. */
    static Night rush(Path dir, List<String> unsafe) throws Exception {
        int port = ServiceJvm.freePort();
        Path db = dir.resolve("service").resolve(RunFiles.RESERVATIONS_DB);
        List<String> flags = new ArrayList<>(List.of(ServeFlags.SCALE, String.format(Locale.ROOT, "%.6f", SCALE),
                ServeFlags.SEED, "2026", ServeFlags.RESERVATIONS_DB, db.toString(),
                // the same admin token after the restart: the viewers' session tokens (signed from it) stay valid
                ServeFlags.ADMIN_TOKEN, "cinema-rush-kill-test-admin-token",
                ServeFlags.RESERVATIONS_SCALE, String.format(Locale.ROOT, "%.8f", SHARE)));
        flags.addAll(unsafe);
        Path serviceLog = dir.resolve("service.log");
        ServiceJvm service = ServiceJvm.start(port, dir.resolve("service"), serviceLog, flags);
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dnight=cinema-rush", "-Drehearsal=" + REHEARSAL,
                "-Dtarget=" + service.url(), "-Dreservations.database=" + db, "-DdropOffset=2s", "-Dcompression=" + COMPRESSION,
                "-Dslo.enforce=false"))) {
            Path run = await().atMost(Duration.ofSeconds(120)).until(() -> runFolder(gatling.reports()), Optional::isPresent)
                    .orElseThrow();
            // bookings flow: the kill lands in the rush, not before or after it
            await().atMost(Duration.ofSeconds(120)).until(() -> recorded(run) >= BEFORE_KILL);
            service.kill();
            int atKill = recorded(run);
            System.out.println("CinemaRushKillTest " + unsafe + ": SIGKILL at " + atKill + " confirmations recorded");
            assertTrue(gatling.running(), "the night was still going at the kill:\n" + gatling.log());
            long down = System.nanoTime();
            service = ServiceJvm.start(port, dir.resolve("service"), serviceLog, flags);
            System.out.printf(Locale.ROOT, "CinemaRushKillTest %s: restarted on port %d in %d ms%n", unsafe, port,
                    (System.nanoTime() - down) / 1_000_000);
            assertEquals(0, gatling.await(240), () -> "the night runs to its end:\n" + logOf(gatling));
            String log = gatling.log() + "\n--- service ---\n" + Files.readString(serviceLog);
            gatling.log().lines().filter(l -> l.startsWith("dropnight: promises: ") || l.startsWith("dropnight: reservations: "))
                    .forEach(l -> System.out.println("CinemaRushKillTest " + unsafe + ": " + l));
            assertFalse(LedgerReader.read(db).bookings().isEmpty(), "the ledger holds bookings");
            return new Night(run, SloFiles.read(run.resolve(RunFiles.SLO_RESULTS)), log, atKill,
                    ConfirmationLog.read(run).confirmations().size());
        } finally {
            service.close();
        }
    }

    static SloResult promise(SloReport slo, Promise p) {
        return slo.slos().stream().filter(s -> s.name().equals(p.id())).findFirst()
                .orElseThrow(() -> new AssertionError(p.id() + " is not in slo.json: " + slo));
    }

    private static int recorded(Path run) throws Exception {
        return Files.exists(run.resolve(RunFiles.CONFIRMATIONS)) ? ConfirmationLog.read(run).confirmations().size() : 0;
    }

    private static Optional<Path> runFolder(Path reports) throws Exception {
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(reports)) {
            return runs.filter(r -> Files.exists(r.resolve(RunFiles.CONFIRMATIONS))).findFirst();
        }
    }

    static String logOf(GatlingProcess gatling) {
        try {
            return gatling.log();
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
