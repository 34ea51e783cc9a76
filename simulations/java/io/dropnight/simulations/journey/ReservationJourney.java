package io.dropnight.simulations.journey;

import io.dropnight.reservations.Confirmation;
import io.dropnight.simulations.client.ConfirmationLog;
import io.dropnight.simulations.client.ReservationFigures;
import io.dropnight.profile.Role;
import io.dropnight.profile.TargetProfile;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;

/**
 * What a viewer of a cinema rush does (behaviour {@code reserve}): signs in (the journey's session
 * step), finds the screenings near it, looks at them for a moment, picks one by popularity (weight
 * 1 / rank: the flagship screenings are hot), holds its seats and confirms. A write that gets the
 * error page or no answer is retried, after the viewer's refresh pause, <b>with the same
 * idempotency key</b>, within the journey's refresh budget (then the viewer gives up); a hold refused
 * as sold out, or a confirm whose hold is gone, spends one of its {@code tries} and it picks again
 * (a sold-out screening is not picked again); after its tries it leaves, turned away. Every
 * confirmation received is written to the client's record ({@link ConfirmationLog}) as it arrives.
 *
 * <p>Written in Java, not as a journey file: the journey-file engine walks a fixed list of steps
 * with one refresh loop each, and this journey branches on the answer (sold out: another
 * screening; hold gone: hold again; booked: record it), keeps state across attempts (the keys, the
 * screenings left) and writes each booking to a file; as YAML that would need a state machine in
 * the vocabulary. How each call is made is {@link ReservationCalls}'s; the viewer's pauses, refresh
 * budget, give-up and counting are {@link Steps}'s, shared with the watching journeys.
 *
 * <p>Thread-safe: built once per population, shared by its viewers.
 */
public final class ReservationJourney {
    /** Seats one viewer books: 1 to 4 (a person, a couple, a family), uniform, seeded per viewer. */
    static final int MIN_SEATS = 1;
    static final int MAX_SEATS = 4;
    /** Looking at the screenings before picking one, and at the hold before confirming it: a person's pauses. */
    private static final Duration CHOOSING_MIN = Duration.ofMillis(1000);
    private static final Duration CHOOSING_MAX = Duration.ofMillis(3000);
    private static final Duration CONFIRMING_MIN = Duration.ofMillis(300);
    private static final Duration CONFIRMING_MAX = Duration.ofMillis(1200);

    private static final String LISTED = "cinema.listed";
    private static final String STATE = "cinema.state";
    private static final String SENDING = "cinema.sending";
    private static final String TRIES = "cinema.tries";

    /** Where a viewer is in its booking. */
    enum State { PICK, HOLD, CONFIRM, DONE }

    private final Steps steps;
    private final ReservationCalls calls;
    private final TargetProfile profile;
    private final ConfirmationLog log;
    private final ReservationFigures figures;
    private final int tries;
    private final List<String> regions;

    /**
     * @param steps   the viewer's behaviour shared with the watching journeys (arrive, refresh, give up, count)
     * @param calls   how the reservation calls are made on the target
     * @param profile the journey file: its session step, headers and error page
     * @param log     the client's record of confirmations received
     * @param figures the rush's own counts
     * @param regions the regions a viewer may live in, as the service names them ({@code r01}, ...): one is drawn per viewer
     * @param tries   screenings a viewer tries before it leaves (the night file's {@code tries})
     */
    public ReservationJourney(Steps steps, ReservationCalls calls, TargetProfile profile, ConfirmationLog log,
                              ReservationFigures figures, List<String> regions, int tries) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.log = Objects.requireNonNull(log, "log");
        this.figures = Objects.requireNonNull(figures, "figures");
        if (tries < 1) {
            throw new IllegalArgumentException("tries = " + tries + ": a viewer tries at least one screening");
        }
        this.tries = tries;
        this.regions = List.copyOf(regions);
        if (this.regions.isEmpty()) {
            throw new IllegalArgumentException("regions: a viewer lives in one of at least one region");
        }
    }

    /**
     * The most one reserving viewer can send ({@link ViewerBound}): its session step, the screenings,
     * a hold and a confirm per try (at most {@link io.dropnight.simulations.nights.NightFile.PopulationSpec#MAX_TRIES},
     * whatever the night file says: a bound, not an estimate), and its refresh budget; one outcome.
     */
    static ViewerBound bound(TargetProfile journey, int maxRefreshes) {
        long session = journey.stepWith(Role.SESSION).isPresent() ? 1 : 0;
        long requests = session + 1 + 2L * io.dropnight.simulations.nights.NightFile.PopulationSpec.MAX_TRIES + maxRefreshes;
        return new ViewerBound(requests, Optional.empty(), Optional.empty(), 1);
    }

    /** The whole journey, from arrival to leaving; the booking is the viewer's time to play (time to book). */
    public ChainBuilder journey() {
        ChainBuilder session = profile.stepWith(Role.SESSION).map(steps::step).orElseGet(() -> exec(s -> s));
        return steps.arrive()
                .exec(session)
                .exec(steps.intendToPlay())
                .exec(group(Journeys.TIME_TO_PLAY).on(findScreenings(), book()))
                .exec(Journeys.outcome())
                .exec(steps.leave());
    }

    /** {@code GET /api/screenings} until it answers, refreshed on the error page or no answer. */
    private ChainBuilder findScreenings() {
        return doIf(s -> !s.getBoolean(Steps.ABANDONED)).then(
                exec(steps.guarded(ReservationCalls.SCREENINGS, s -> s.set(ReservationCalls.REGION, region(s))
                        .set(ReservationCalls.SEATS, seats(s)).set(Steps.ATTEMPT_SETTLED, false)))
                        .asLongAs(steps.guardedCondition(ReservationCalls.SCREENINGS,
                                s -> !s.getBoolean(Steps.ATTEMPT_SETTLED) && !s.getBoolean(Steps.ABANDONED))).on(
                                exec(steps.checkpoint())
                                        .exec(steps.guarded(ReservationCalls.SCREENINGS, ReservationJourney::beforeSend))
                                        .exec(calls.screenings())
                                        .exec(steps.guarded(ReservationCalls.SCREENINGS, this::afterScreenings))
                                        .exec(pauseIfAsked())));
    }

    /** Picks, holds and confirms until booked, turned away or given up. */
    private ChainBuilder book() {
        return doIf(s -> !s.getBoolean(Steps.ABANDONED)).then(
                exec(s -> s.set(STATE, State.PICK).set(TRIES, 0))
                        .exec(CoreDsl.pause(CHOOSING_MIN, CHOOSING_MAX))
                        .asLongAs(steps.guardedCondition(ReservationCalls.HOLD,
                                s -> s.get(STATE) != State.DONE && !s.getBoolean(Steps.ABANDONED))).on(
                                exec(steps.checkpoint())
                                        .exec(steps.guarded(ReservationCalls.HOLD, this::prepare))
                                        .doIf(s -> s.get(SENDING) == State.HOLD).then(exec(calls.hold())
                                                .exec(steps.guarded(ReservationCalls.HOLD, this::afterHold)))
                                        .doIf(s -> s.get(SENDING) == State.CONFIRM).then(exec(calls.confirm())
                                                .exec(steps.guarded(ReservationCalls.CONFIRM, this::afterConfirm)))
                                        .exec(pauseIfAsked())));
    }

    private static ChainBuilder pauseIfAsked() {
        return doIf(s -> s.contains(Steps.NEXT_PAUSE_MS) && s.getLong(Steps.NEXT_PAUSE_MS) > 0)
                .then(CoreDsl.pause(s -> Duration.ofMillis(s.getLong(Steps.NEXT_PAUSE_MS))));
    }

    private static Session beforeSend(Session s) {
        return s.removeAll(ReservationCalls.ANSWER_NAMES).set(Steps.SENT_NANOS, System.nanoTime()).set(Steps.NEXT_PAUSE_MS, 0L);
    }

    /** Before each attempt: a new pick when the last one is spent (its hold key made), or the same call again. */
    private Session prepare(Session s) {
        Session next = s;
        if (s.get(STATE) == State.PICK) {
            Optional<ReservationCalls.Listed> pick = ScreeningChoice.byPopularity(s.<List<ReservationCalls.Listed>>get(LISTED), steps.random(s));
            if (pick.isEmpty()) {
                figures.turnedAway(); // nothing near it shows a free seat
                return s.set(STATE, State.DONE).set(SENDING, State.DONE).set(Steps.NEXT_PAUSE_MS, 0L);
            }
            next = s.set(ReservationCalls.SCREENING_ID, pick.get().id()).set(ReservationCalls.KEY, key("hold", s))
                    .set(STATE, State.HOLD);
        }
        return beforeSend(next).set(SENDING, next.get(STATE));
    }

    private Session afterScreenings(Session s) {
        ReservationCalls.Answer a = calls.read(s);
        long latency = System.nanoTime() - s.getLong(Steps.SENT_NANOS);
        Optional<List<ReservationCalls.Listed>> listed = a.is(200) ? a.json().flatMap(ReservationCalls::listed) : Optional.empty();
        if (!a.errorPage() && listed.isPresent()) {
            steps.record(ReservationCalls.SCREENINGS, Outcome.OK, 200, latency);
            return s.set(LISTED, listed.get()).set(Steps.ATTEMPT_SETTLED, true);
        }
        return failed(s, ReservationCalls.SCREENINGS, a, latency);
    }

    private Session afterHold(Session s) {
        ReservationCalls.Answer a = calls.read(s);
        long latency = System.nanoTime() - s.getLong(Steps.SENT_NANOS);
        if (a.errorPage() || a.status().isEmpty()) {
            return failed(s, ReservationCalls.HOLD, a, latency); // retried with the same key
        }
        String holdId = a.json().map(j -> j.path("holdId").asText("")).orElse("");
        if (a.is(201) && !holdId.isEmpty()) {
            steps.record(ReservationCalls.HOLD, Outcome.OK, 201, latency);
            long pause = between(CONFIRMING_MIN, CONFIRMING_MAX, s);
            return s.set(ReservationCalls.HOLD_ID, holdId).set(ReservationCalls.KEY, key("confirm", s)).set(STATE, State.CONFIRM)
                    .set(Steps.NEXT_PAUSE_MS, pause);
        }
        if (a.is(409)) {
            // sold out: an answer the contract gives, not a failure; this screening is not picked again
            steps.record(ReservationCalls.HOLD, Outcome.OK, 409, latency);
            figures.soldOut();
            return nextTry(s.set(LISTED, without(s.get(LISTED), s.getString(ReservationCalls.SCREENING_ID))));
        }
        if (a.is(404)) {
            // a screening it listed is unknown to it: the target's fault; the viewer looks elsewhere
            steps.record(ReservationCalls.HOLD, Outcome.UNCLASSIFIED, 404, latency);
            return nextTry(s.set(LISTED, without(s.get(LISTED), s.getString(ReservationCalls.SCREENING_ID))));
        }
        return failed(s, ReservationCalls.HOLD, a, latency);
    }

    private Session afterConfirm(Session s) {
        ReservationCalls.Answer a = calls.read(s);
        long now = System.nanoTime();
        long latency = now - s.getLong(Steps.SENT_NANOS);
        if (a.errorPage() || a.status().isEmpty()) {
            return failed(s, ReservationCalls.CONFIRM, a, latency); // retried with the same key
        }
        Optional<Confirmation> told = a.is(200) ? a.json().flatMap(j -> ReservationCalls.confirmation(j, s.getString(ReservationCalls.KEY),
                s.getString(ReservationCalls.SCREENING_ID))) : Optional.empty();
        if (told.isPresent()) {
            steps.record(ReservationCalls.CONFIRM, Outcome.OK, 200, latency);
            log.append(told.get(), Instant.now());
            figures.booked(told.get().seats().size());
            return steps.goalReached(s, latency).set(STATE, State.DONE).set(Steps.NEXT_PAUSE_MS, 0L);
        }
        if (a.is(409) || a.is(404)) {
            // the hold expired, or was lost in a restart: an answer the contract gives; hold again
            steps.record(ReservationCalls.CONFIRM, Outcome.OK, a.status().get(), latency);
            figures.holdLost();
            return nextTry(s);
        }
        return failed(s, ReservationCalls.CONFIRM, a, latency);
    }

    /** The error page, no answer, or an answer the contract does not give: counted, then refresh (same key) or give up. */
    private Session failed(Session s, String request, ReservationCalls.Answer a, long latency) {
        Outcome outcome = a.errorPage() ? Outcome.ERROR_PAGE : a.status().isEmpty() ? Outcome.FAILED : Outcome.UNCLASSIFIED;
        steps.record(request, outcome, a.status().orElse(null), latency);
        return steps.refreshOrGiveUp(s);
    }

    private Session nextTry(Session s) {
        int used = s.getInt(TRIES) + 1;
        if (used >= tries) {
            figures.turnedAway();
            return s.set(TRIES, used).set(STATE, State.DONE).set(Steps.NEXT_PAUSE_MS, 0L);
        }
        return s.set(TRIES, used).set(STATE, State.PICK).set(Steps.NEXT_PAUSE_MS, 0L);
    }

    /**
     * An idempotency key, unique per viewer and try: {@code hold-<viewer>-<try>}. A retry of the same
     * call keeps it (it is made only when a new try starts).
     */
    private static String key(String kind, Session s) {
        return kind + "-" + s.get(TargetProfile.USER_ID) + "-" + (s.contains(TRIES) ? s.getInt(TRIES) + 1 : 1);
    }

    private String region(Session s) {
        return regions.get(steps.random(s).nextInt(regions.size()));
    }

    private int seats(Session s) {
        return MIN_SEATS + steps.random(s).nextInt(MAX_SEATS - MIN_SEATS + 1);
    }

    private long between(Duration min, Duration max, Session s) {
        return min.toMillis() + steps.random(s).nextLong(max.toMillis() - min.toMillis() + 1);
    }


    private static List<ReservationCalls.Listed> without(List<ReservationCalls.Listed> listed, String id) {
        return listed.stream().filter(l -> !l.id().equals(id)).toList();
    }

}
