package io.dropnight.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.runfolder.IntervalLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service dies mid-night (SIGKILL): Gatling still finishes, counts the failed requests, and
 * the run's report is still produced from what reached the disk; the service's interval log is
 * readable up to its last full second. The connects it then refuses are counted as the target's,
 * from Gatling's own errors, and do not make the night inconclusive.
 */
@Tag("night")
class ServiceKilledMidRunTest {
    private static final long BOUND_SECONDS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nightFinishesAndIsReportedAfterTheServiceIsKilled(@TempDir Path dir) throws Exception {
        try (GatlingProcess gatling = GatlingProcess.start(dir, List.of(
                "-Dnight=finale-drop", "-Dscale=0.1", "-Dcompression=60", "-DdropOffset=6s", "-DmaxRefreshes=1",
                "-Dslo.enforce=false"))) {
            // Bounds are generous: a loaded 2-core machine takes tens of seconds to start two JVMs.
            Path run = await().atMost(Duration.ofSeconds(150)).until(() -> runWith(gatling.reports(), "service.json"),
                    Optional::isPresent).orElseThrow();
            long pid = JSON.readTree(run.resolve("service.json").toFile()).get("pid").asLong();
            // Let the service answer for a few seconds, so that whole intervals are on disk.
            await().atMost(Duration.ofSeconds(90)).until(() -> intervalLines(run.resolve("server.hlog")) >= 6);
            ProcessHandle service = ProcessHandle.of(pid).orElseThrow();
            assertTrue(service.destroyForcibly(), "SIGKILL the embedded service");
            service.onExit().get();

            int status = gatling.await(BOUND_SECONDS);
            assertEquals(0, status, "the night must run to its end:\n" + gatling.log());
            JsonNode summary = JSON.readTree(run.resolve("client-summary.json").toFile());
            assertTrue(summary.get("failedRequests").asLong() > 0, "the KOs are counted: " + summary);
            // A dead target refuses connects: its failure, not a saturated injector's.
            Matcher refused = Pattern.compile("connect refused or reset (\\d+) \\(the target's\\)").matcher(gatling.log());
            assertTrue(refused.find(), "the refused connects are counted apart:\n" + gatling.log());
            assertTrue(Long.parseLong(refused.group(1)) > 0, refused.group());
            assertTrue(gatling.log().contains("first connect refused or reset: "), "with Gatling's own error");
            gatling.log().lines().filter(l -> l.contains("requests got no response:")).forEach(System.out::println);
            JsonNode slo = JSON.readTree(run.resolve("slo.json").toFile());
            for (JsonNode reason : slo.get("reasons")) {
                // (the night may still be inconclusive for a cause of the injector's own, such as its CPU)
                assertFalse(reason.asText().matches("the load generator was saturated: (out of open files|out of ephemeral"
                        + " ports|connect failures).*"), "a dead service is not a saturated injector: " + slo);
            }
            assertTrue(Files.readAllLines(run.resolve("injector.csv")).get(0).contains("connectRefused"));
            assertFalse(IntervalLog.read(run.resolve("server.hlog")).isEmpty(), "the interval log reads back");
            assertTrue(Files.exists(run.resolve("index.html")), "the run's report is produced:\n" + gatling.log());
            assertTrue(Files.readString(run.resolve("index.html")).contains("finale-drop"));
        }
    }

    private static Optional<Path> runWith(Path reports, String file) throws Exception {
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(reports)) {
            return runs.filter(r -> Files.exists(r.resolve(file))).findFirst();
        }
    }

    private static long intervalLines(Path hlog) throws Exception {
        if (!Files.exists(hlog)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(hlog)) {
            return lines.filter(l -> !l.startsWith("#") && !l.startsWith("\"StartTimestamp\"") && !l.isBlank()).count();
        }
    }
}
