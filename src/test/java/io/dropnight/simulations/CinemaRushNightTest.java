package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.reservations.LedgerReader;
import io.dropnight.reservations.LedgerSnapshot;
import io.dropnight.reservations.Promise;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import io.dropnight.simulations.client.ConfirmationLog;
import io.dropnight.simulations.slo.NightPromises;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cinema rush on the embedded service, as {@code mvn gatling:test -Dnight=cinema-rush} runs it
 * but 1,500 viewers (1 in 733 of the real night): bookings are really made, screenings really sell
 * out, and every promise is checked after the night and holds, with the counts behind it in
 * slo.json, slo-junit.xml and the run's page.
 */
@Tag("night")
class CinemaRushNightTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRushKeepsEveryPromiseWithRealBookingsAndScreeningsSoldOut(@TempDir Path dir) throws Exception {
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dnight=cinema-rush", "-Drehearsal=1500",
                "-Dslo.enforce=false"))) {
            assertEquals(0, gatling.await(240), () -> "the night runs to its end:\n" + log(gatling));
            Path run = gatling.onlyRunFolder();
            String log = gatling.log();

            ConfirmationLog.Read received = ConfirmationLog.read(run);
            LedgerSnapshot ledger = LedgerReader.read(run.resolve(RunFiles.RESERVATIONS_DB));
            assertTrue(received.confirmations().size() > 100, "bookings really happened: " + received.describe());
            assertEquals(0, received.torn());
            assertTrue(ledger.bookings().size() >= received.confirmations().size(), "the ledger holds at least what was told");
            assertTrue(NightPromises.soldOutScreenings(ledger) > 0, "some screenings really sold out: " + ledger.screenings());
            JsonNode reservations = JSON.readTree(run.resolve(RunFiles.RUN_INFO).toFile()).get("reservations");
            assertTrue(reservations.get("soldOutAnswers").asLong() > 0, "viewers met sold-out screenings: " + reservations);
            assertEquals(received.confirmations().size(), reservations.get("bookings").asLong());

            SloReport slo = SloFiles.read(run.resolve(RunFiles.SLO_RESULTS));
            String junit = Files.readString(run.resolve(RunFiles.SLO_JUNIT));
            String page = Files.readString(run.resolve(RunFiles.INDEX_PAGE));
            for (Promise p : Promise.values()) {
                SloResult r = slo.slos().stream().filter(s -> s.name().equals(p.id())).findFirst().orElseThrow(
                        () -> new AssertionError(p.id() + " is not in slo.json: " + slo));
                assertTrue(r.passed(), r + "\n" + log);
                assertEquals(0.0, r.actual());
                assertTrue(r.metric().contains(String.format(java.util.Locale.ROOT, "%,d confirmations received",
                        received.confirmations().size())), r.metric());
                assertTrue(junit.contains("name=\"" + p.id() + "\""), "slo-junit.xml has " + p.id());
                assertTrue(page.contains(p.id()), "the run's page shows " + p.id());
            }
            assertTrue(log.contains("dropnight: promises: no-seat-sold-twice: kept (0)"), log);
            log.lines().filter(l -> l.startsWith("dropnight: promises: ") || l.startsWith("dropnight: reservations: ")
                    || l.startsWith("dropnight: SLO ")).forEach(l -> System.out.println("CinemaRushNightTest: " + l));
            assertTrue(log.contains("dropnight: SLO no-lost-confirmation: "), log);
        }
    }

    private static String log(GatlingProcess gatling) {
        try {
            return gatling.log();
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
