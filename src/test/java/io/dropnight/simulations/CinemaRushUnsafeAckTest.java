package io.dropnight.simulations;

import io.dropnight.core.ServeFlags;
import io.dropnight.reservations.Promise;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunVerdict;
import io.dropnight.runfolder.SloResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill of {@link CinemaRushKillTest} against the service's test-only {@code --unsafe-ack-before-commit}
 * (a confirm answered before its commit): no-lost-confirmation breaks, and the check says so. A class
 * of its own so that its night runs beside the others (failsafe runs night classes two at a time).
 */
@Tag("night")
class CinemaRushUnsafeAckTest {
    @Test
    void confirmationsAnsweredBeforeTheirCommitAreLostInTheKillAndThePromiseFails(@TempDir Path dir) throws Exception {
        CinemaRushKillTest.Night night = CinemaRushKillTest.rush(dir, List.of(ServeFlags.UNSAFE_ACK_BEFORE_COMMIT));
        SloResult lost = CinemaRushKillTest.promise(night.slo(), Promise.NO_LOST_CONFIRMATION);
        assertFalse(lost.passed(), lost + "\n" + night.log());
        assertTrue(lost.actual() > 0, "lost confirmations are counted: " + lost);
        assertEquals(RunVerdict.FAIL, night.slo().verdict(), night.slo().toString());
        assertTrue(night.slo().reasons().stream().anyMatch(r -> r.startsWith(Promise.NO_LOST_CONFIRMATION.id() + ": ")),
                night.slo().reasons().toString());
        String junit = Files.readString(night.run().resolve(RunFiles.SLO_JUNIT));
        assertTrue(junit.contains("<failure message=\"" + Promise.NO_LOST_CONFIRMATION.id()), junit);
        assertTrue(night.log().contains("dropnight: promise broken: booking "), night.log());
    }
}
