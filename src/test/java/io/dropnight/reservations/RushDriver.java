package io.dropnight.reservations;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Drives a {@link BoxOffice} through a rush for the property tests: threads of viewers hold,
 * confirm (and retry with the same key, even twice at once), cancel and move the clock; then the
 * service is killed, restarted on the same ledger, every confirm is retried, a few more viewers
 * book, and the ledger is read. Records every confirmation a viewer received.
 */
final class RushDriver {
    /** Three small screenings, so that viewers contend for seats and sell them out. */
    static final List<Integer> CAPACITIES = List.of(5, 8, 13);
    static final Duration HOLD_TTL = Duration.ofMinutes(2);

    enum Kind { HOLD, CONFIRM, CONFIRM_TWICE, RETRY_CONFIRM, CANCEL, ADVANCE }

    /** One step of one thread: {@code a} picks a viewer, screening or hold; {@code b} a seat count or seconds. */
    record Step(Kind kind, int a, int b) {
    }

    record ConfirmRequest(String viewer, String key, String holdId) {
    }

    /** What the rush did: the ledger after it, every confirmation received, the confirms' answers before and after. */
    record Outcome(LedgerSnapshot ledger, List<Confirmation> received, Map<ConfirmRequest, Answer> beforeKill,
                   Map<ConfirmRequest, Answer> afterRestart) {
    }

    private final Cinemas cinemas = cinemas();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T17:00:00Z"));
    private final Path db;
    private final boolean unsafe;
    private final UnaryOperator<Ledger> fault;
    private final List<Confirmation> received = Collections.synchronizedList(new ArrayList<>());
    /** Every confirm sent before the kill, retries included, in order. */
    private final List<Map.Entry<ConfirmRequest, CompletableFuture<Answer>>> confirms =
            Collections.synchronizedList(new ArrayList<>());

    /**
     * @param fault wraps the ledger (a deliberately broken one for the variants), or returns it
     */
    RushDriver(Path db, boolean unsafe, UnaryOperator<Ledger> fault) {
        this.db = db;
        this.unsafe = unsafe;
        this.fault = fault;
    }

    static Cinemas cinemas() {
        CinemaConfig config = new CinemaConfig(1, 0.0001);
        List<Screening> list = new ArrayList<>();
        for (int i = 0; i < CAPACITIES.size(); i++) {
            list.add(new Screening("scr-" + (i + 1), "cin-1", config.regionIds().get(0),
                    CinemaConfig.FIRST_START, CAPACITIES.get(i), i + 1));
        }
        return new Cinemas(config, list);
    }

    Outcome run(List<List<Step>> threads, int restartViewers) throws Exception {
        Ledger ledger = fault.apply(SqliteLedger.open(db));
        LedgerWriter writer = new LedgerWriter(ledger);
        BoxOffice box = new BoxOffice(cinemas, ledger, writer, ModelledWrite.FREE, clock, HOLD_TTL, unsafe);
        ExecutorService pool = Executors.newFixedThreadPool(threads.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads.size(); t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    play(box, thread, threads.get(thread));
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            writer.kill(); // a SIGKILL while confirms may still be committing
            Map<ConfirmRequest, Answer> beforeKill = settle(confirms);
            return restart(beforeKill, restartViewers);
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome restart(Map<ConfirmRequest, Answer> beforeKill, int restartViewers) throws Exception {
        Ledger ledger = fault.apply(SqliteLedger.open(db));
        LedgerWriter writer = new LedgerWriter(ledger);
        Map<ConfirmRequest, Answer> afterRestart = new java.util.HashMap<>();
        try {
            BoxOffice box = new BoxOffice(cinemas, ledger, writer, ModelledWrite.FREE, clock, HOLD_TTL, false);
            List<Map.Entry<ConfirmRequest, CompletableFuture<Answer>>> retries = new ArrayList<>();
            for (ConfirmRequest r : beforeKill.keySet()) {
                retries.add(Map.entry(r, box.confirm(r.viewer(), r.key(), r.holdId())));
            }
            for (int v = 0; v < restartViewers; v++) {
                for (Screening s : cinemas.screenings()) {
                    Answer hold = box.hold("late-" + v, "h", s.id(), 1 + v % 3).get(10, TimeUnit.SECONDS);
                    if (hold.status() == 201) {
                        ConfirmRequest r = new ConfirmRequest("late-" + v, "c-" + s.id(), (String) hold.body().get("holdId"));
                        retries.add(Map.entry(r, box.confirm(r.viewer(), r.key(), r.holdId())));
                    }
                }
            }
            afterRestart.putAll(settle(retries));
        } finally {
            writer.close();
        }
        return new Outcome(LedgerReader.read(db), List.copyOf(received), beforeKill, afterRestart);
    }

    private void play(BoxOffice box, int thread, List<Step> steps) throws Exception {
        List<String[]> holds = new ArrayList<>(); // {viewer, holdId}
        List<ConfirmRequest> sent = new ArrayList<>();
        int n = 0;
        for (Step step : steps) {
            n++;
            String viewer = "t" + thread + "-v" + step.a() % 3;
            switch (step.kind()) {
                case HOLD -> {
                    Screening s = cinemas.screenings().get(step.a() % CAPACITIES.size());
                    Answer a = box.hold(viewer, "h" + n, s.id(), step.b()).get(10, TimeUnit.SECONDS);
                    if (a.status() == 201) {
                        holds.add(new String[] {viewer, (String) a.body().get("holdId")});
                    }
                }
                case CONFIRM, CONFIRM_TWICE -> {
                    if (!holds.isEmpty()) {
                        String[] h = holds.get(step.a() % holds.size());
                        ConfirmRequest r = new ConfirmRequest(h[0], "c" + n, h[1]);
                        sent.add(r);
                        confirm(box, r);
                        if (step.kind() == Kind.CONFIRM_TWICE) {
                            confirm(box, r); // the same request again while the first may still be committing
                        }
                    }
                }
                case RETRY_CONFIRM -> {
                    if (!sent.isEmpty()) {
                        confirm(box, sent.get(step.a() % sent.size()));
                    }
                }
                case CANCEL -> {
                    if (!holds.isEmpty()) {
                        String[] h = holds.get(step.a() % holds.size());
                        box.cancel(h[0], "x" + n, h[1]).get(10, TimeUnit.SECONDS);
                    }
                }
                case ADVANCE -> clock.advance(Duration.ofSeconds(step.b()));
            }
        }
    }

    private void confirm(BoxOffice box, ConfirmRequest r) {
        confirms.add(Map.entry(r, box.confirm(r.viewer(), r.key(), r.holdId())));
    }

    @SuppressWarnings("unchecked")
    private void record(ConfirmRequest r, Answer a) {
        if (a.status() == 200) {
            received.add(new Confirmation(r.viewer(), r.key(), (String) a.body().get("bookingId"),
                    (String) a.body().get("screeningId"), (List<Integer>) a.body().get("seats")));
        }
    }

    /**
     * Waits for every answer and records each 200 as a confirmation received. Per request, its
     * first 200 if any, else its last answer; a failed future (killed before its commit) is a 503.
     */
    private Map<ConfirmRequest, Answer> settle(List<Map.Entry<ConfirmRequest, CompletableFuture<Answer>>> futures)
            throws Exception {
        Map<ConfirmRequest, Answer> answers = new java.util.HashMap<>();
        for (Map.Entry<ConfirmRequest, CompletableFuture<Answer>> e : List.copyOf(futures)) {
            Answer a;
            try {
                a = e.getValue().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException failed) {
                a = new Answer(503, Map.of("failed", String.valueOf(failed.getCause())));
            }
            record(e.getKey(), a);
            Answer before = answers.get(e.getKey());
            if (before == null || before.status() != 200) {
                answers.put(e.getKey(), a);
            }
        }
        return answers;
    }
}
