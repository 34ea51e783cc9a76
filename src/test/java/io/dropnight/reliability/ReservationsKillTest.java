package io.dropnight.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.core.ServeFlags;
import io.dropnight.reservations.Confirmation;
import io.dropnight.reservations.LedgerReader;
import io.dropnight.reservations.LedgerSnapshot;
import io.dropnight.reservations.Promise;
import io.dropnight.reservations.PromiseCheck;
import io.dropnight.reservations.PromiseReport;
import io.dropnight.reservations.ReservationRoutes;
import io.dropnight.testing.ChildJvm;
import io.dropnight.testing.RunningService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durable-commit proof, with a real process: viewers book through {@code dropnight serve} in a
 * child JVM, the service is SIGKILLed right after confirmations were answered (others in flight),
 * restarted on the same ledger, and every confirmation a viewer received is in the ledger; a
 * confirm retried with its key after the restart gets the same answer. The test-only
 * {@code --unsafe-ack-before-commit} fails the same check, so the check can fail.
 */
@Tag("night")
class ReservationsKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VIEWERS = 8;
    /** Confirmations answered before the kill. */
    private static final int ANSWERED_BEFORE_KILL = 60;

    @TempDir
    Path runDir;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Confirmation> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String[]> answered = Collections.synchronizedList(new ArrayList<>()); // token, key, holdId, body

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyConfirmationAnsweredBeforeASigkillIsInTheLedgerAfterIt() throws Exception {
        PromiseReport report = rushKillAndRestart(false);

        assertTrue(report.allKept(), report.summary() + " " + report.examples());
        assertTrue(report.received() >= ANSWERED_BEFORE_KILL, report.summary());
    }

    @Test
    void theUnsafeAcknowledgementLosesConfirmationsAndTheCheckSaysSo() throws Exception {
        PromiseReport report = rushKillAndRestart(true);

        assertTrue(report.lostConfirmations() > 0, "a kill within the 5 s deferral loses acknowledged bookings: "
                + report.summary());
        assertTrue(!report.kept(Promise.NO_LOST_CONFIRMATION));
    }

    private PromiseReport rushKillAndRestart(boolean unsafe) throws Exception {
        Path db = runDir.resolve("reservations.db");
        int port = startServe(db, unsafe);
        List<JsonNode> sessions = new ArrayList<>();
        for (int v = 0; v < VIEWERS; v++) {
            sessions.add(login(port));
        }
        List<String> screenings = screenings(port, sessions.get(0).get("token").asText());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService viewers = Executors.newFixedThreadPool(VIEWERS);
        for (int v = 0; v < VIEWERS; v++) {
            int viewer = v;
            JsonNode session = sessions.get(v);
            viewers.execute(() -> book(port, session.get("token").asText(), session.get("profileId").asText(), viewer,
                    screenings, stop));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= ANSWERED_BEFORE_KILL);
        process.destroyForcibly(); // SIGKILL, with confirms in flight
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        stop.set(true);
        viewers.shutdown();
        assertTrue(viewers.awaitTermination(30, TimeUnit.SECONDS), "every viewer gave up once the service died");

        int restarted = startServe(db, false);
        if (!unsafe) {
            String[] first = answered.get(0);
            HttpResponse<String> retried = post(restarted, ReservationRoutes.confirmPath(first[2]), first[0], first[1], null);
            assertEquals(200, retried.statusCode(), retried.body());
            assertEquals(first[3], retried.body(), "a confirm retried after the restart is answered from the ledger");
        }
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        LedgerSnapshot ledger = LedgerReader.read(db);
        return PromiseCheck.check(ledger, List.copyOf(received));
    }

    /** One viewer: hold 1 to 3 seats of a screening, confirm, repeat, until stopped or the service is gone. */
    private void book(int port, String token, String profileId, int viewer, List<String> screenings,
                      AtomicBoolean stop) {
        int n = 0;
        while (!stop.get()) {
            n++;
            try {
                String screening = screenings.get((viewer + n) % screenings.size());
                HttpResponse<String> hold = post(port, ReservationRoutes.holdsPath(screening), token, "h" + n,
                        "{\"seats\":" + (1 + n % 3) + "}");
                if (hold.statusCode() != 201) {
                    continue; // sold out or shed: the next screening
                }
                String holdId = JSON.readTree(hold.body()).get("holdId").asText();
                HttpResponse<String> confirm = post(port, ReservationRoutes.confirmPath(holdId), token, "c" + n, null);
                if (confirm.statusCode() == 200) {
                    JsonNode b = JSON.readTree(confirm.body());
                    List<Integer> seats = new ArrayList<>();
                    b.get("seats").forEach(s -> seats.add(s.asInt()));
                    answered.add(new String[] {token, "c" + n, holdId, confirm.body()});
                    received.add(new Confirmation(profileId, "c" + n, b.get("bookingId").asText(),
                            b.get("screeningId").asText(), seats));
                }
            } catch (IOException e) {
                return; // the service was killed: what was not answered was not promised
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int startServe(Path db, boolean unsafe) throws IOException {
        List<String> cmd = new ArrayList<>(ChildJvm.java("-Xmx256m"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.dropnight.cli.Main", ServeFlags.SERVE,
                ServeFlags.PORT, "0", ServeFlags.RUN_DIR, runDir.toString(), ServeFlags.ADMIN_TOKEN,
                RunningService.ADMIN_TOKEN, ServeFlags.RESERVATIONS_SCALE, "0.01", ServeFlags.RESERVATIONS_DB, db.toString()));
        if (unsafe) {
            cmd.add(ServeFlags.UNSAFE_ACK_BEFORE_COMMIT);
        }
        process = new ProcessBuilder(cmd).redirectError(runDir.resolve("stderr.txt").toFile()).start();
        return ChildJvm.awaitListeningPort(process, this::stderr);
    }

    private String stderr() {
        try {
            return Files.readString(runDir.resolve("stderr.txt"));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    /** A session: {@code token} and {@code profileId} (the viewer the ledger records). */
    private JsonNode login(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private List<String> screenings(int port, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + ReservationRoutes.screeningsPath("r01"))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        JSON.readTree(r.body()).get("screenings").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    private HttpResponse<String> post(int port, String path, String token, String key, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .header(ReservationRoutes.IDEMPOTENCY_KEY, key)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
