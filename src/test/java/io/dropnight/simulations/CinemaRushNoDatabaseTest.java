package io.dropnight.simulations;

import io.dropnight.core.ServeFlags;
import io.dropnight.reservations.Promise;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;
import io.dropnight.runfolder.SloResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rush against a service whose database the night is not given: the promises have no value, none
 * passes, the night is inconclusive, never a pass. A class of its own so that it runs beside the kills.
 */
@Tag("night")
class CinemaRushNoDatabaseTest {
    @Test
    void withoutTheServicesDatabaseThePromisesAreNotCheckedAndTheNightIsInconclusiveNotAPass(@TempDir Path dir) throws Exception {
        try (ServiceJvm service = ServiceJvm.start(ServiceJvm.freePort(), dir.resolve("service"), dir.resolve("service.log"),
                List.of(ServeFlags.SCALE, "0.02", ServeFlags.RESERVATIONS_SCALE, "0.0002"));
             GatlingProcess gatling = GatlingProcess.start(dir, List.of("-Dnight=cinema-rush", "-Drehearsal=230",
                     // what is asserted is the verdict's wiring, not the rush: a short night does (7 s)
                     "-Dcompression=100", "-Dtarget=" + service.url(), "-DdropOffset=2s", "-Dslo.enforce=false"))) {
            assertEquals(0, gatling.await(180), () -> "the night runs to its end:\n" + CinemaRushKillTest.logOf(gatling));
            SloReport slo = SloFiles.read(gatling.onlyRunFolder().resolve(RunFiles.SLO_RESULTS));
            assertEquals(RunVerdict.INCONCLUSIVE, slo.verdict(), slo.toString());
            assertTrue(slo.reasons().contains("the promises could not be checked: no reservations database was given (give"
                    + " -Dreservations.database=PATH, the file the service was started with --reservations-db)"), slo.reasons().toString());
            for (Promise p : Promise.values()) {
                SloResult r = CinemaRushKillTest.promise(slo, p);
                assertFalse(r.passed(), "never a pass: " + r);
                assertTrue(Double.isNaN(r.actual()), "no value: " + r);
            }
            assertTrue(gatling.log().contains("dropnight: promises NOT CHECKED: no reservations database was given"), gatling.log());
        }
    }
}
