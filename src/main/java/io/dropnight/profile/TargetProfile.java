package io.dropnight.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the viewer's journey calls one target (issues 8 and 22): read from a journey file by
 * {@link ProfileReader} (or from the older five-step profile, read as the same journey), validated
 * before any load. Immutable.
 *
 * @param name      shown in the report
 * @param source    where it was read from: a file path, or {@link #BUILT_IN_SOURCE}
 * @param content   the file's text, recorded in run.json (secrets as written: {@code ${env:NAME}})
 * @param journey   the steps in the order a viewer walks them: exactly one {@link Role#WAIT_FOR_DROP} and
 *                  one {@link Role#PLAY}, at most one {@link Role#SESSION} and one {@link Role#HEARTBEAT}
 * @param headers   sent on every step but the session (values may hold {@code #{name}})
 * @param errorPage how the target's error page is recognised
 * @param secrets   the {@code ${env:NAME}} values the file used, to be redacted from any text shown
 * @param accounts  the viewers' accounts (a CSV file, a row per viewer); empty when the journey needs none
 * @param hosts     named base URLs a step may call besides {@code -Dtarget} ({@code api}), by name
 * @param http2     whether the load (and the preflight) may speak HTTP/2 where the target offers it
 * @param trustStore the certificates the hosts are checked against ({@code protocol.trustStore}); empty for
 *                  the injector's own settings
 * @param legacy    read from the five-step profile format ({@code session:}, {@code home:}, ... at the top)
 */
public record TargetProfile(String name, String source, String content, List<JourneyStep> journey,
                            Map<String, String> headers, ErrorPageSpec errorPage,
                            Secrets secrets, Optional<Accounts> accounts, Map<String, java.net.URI> hosts,
                            boolean http2, Optional<TrustStore> trustStore, boolean legacy) {
    /** The classpath resource of the built-in profile (a copy is docs/profiles/dropnight.yml). */
    public static final String BUILT_IN_RESOURCE = "/profiles/dropnight.yml";
    public static final String BUILT_IN_SOURCE = "built-in dropnight";
    /** The heartbeat interval the nights are calibrated with, in real time. */
    public static final Duration CALIBRATED_HEARTBEAT = Duration.ofSeconds(60);

    /** Session names the journey itself sets: the viewer's Gatling id and the episode it chose. */
    public static final String USER_ID = "userId";
    public static final String EPISODE_ID = "episodeId";
    /** Saved names the journey reads, when a step saves them. */
    public static final String FINAL_EPISODE_ID = "finalEpisodeId";
    public static final String EPISODE_IDS = "episodeIds";
    public static final String DROP_AT = "dropAt";

    public TargetProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        journey = List.copyOf(Objects.requireNonNull(journey, "journey"));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(errorPage, "errorPage");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(accounts, "accounts");
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(hosts, "hosts")));
        Objects.requireNonNull(trustStore, "trustStore");
        for (Role one : List.of(Role.WAIT_FOR_DROP, Role.PLAY)) {
            if (journey.stream().filter(s -> s.role() == one).count() != 1) {
                throw new IllegalArgumentException("a journey has exactly one " + one.label() + " step");
            }
        }
    }

    /** The host {@code -Dtarget} names (a profile's {@code hosts.api}, if written, is replaced by it). */
    public static final String TARGET_HOST = "api";
    /** The play step's endpoint, whatever the step's name: the one the SLOs judge. */
    public static final String PLAY_ENDPOINT = io.dropnight.runfolder.ClientTags.PLAYBACK_START;
    /** A journey's endpoints at most: its steps and the wait-for-drop step's reloads (client.hlog keeps this many apart). */
    public static final int MAX_ENDPOINTS = io.dropnight.runfolder.ClientTags.MAX_ENDPOINTS;

    /**
     * The step's address: its {@code path} on its named host, or on {@code -Dtarget} (left
     * relative, for Gatling's base URL or the preflight's target to resolve).
     */
    public String address(CallSpec call) {
        if (call.absolute()) {
            return call.path();
        }
        return call.host().filter(h -> !h.equals(TARGET_HOST)).map(h -> {
            String base = hosts.get(h).toString();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + call.path();
        }).orElse(call.path());
    }

    /** The built-in {@code dropnight} journey, which describes the embedded service. */
    public static TargetProfile builtIn() {
        return ProfileReader.builtIn();
    }

    /** Whether any request may go over TLS: {@code -Dtarget} or a named host is https. */
    public boolean usesTls(java.net.URI target) {
        return "https".equalsIgnoreCase(target.getScheme()) || hosts.values().stream().anyMatch(h -> "https".equalsIgnoreCase(h.getScheme()));
    }

    /** The step with {@code role}, if the journey has one. */
    public Optional<JourneyStep> stepWith(Role role) {
        return journey.stream().filter(s -> s.role() == role).findFirst();
    }

    /** The step named {@code name}. */
    public Optional<JourneyStep> step(String name) {
        return journey.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The session step's call, when the journey signs in. */
    public Optional<CallSpec> session() {
        return stepWith(Role.SESSION).map(JourneyStep::call);
    }

    /** The call the waiting audience reloads until the drop (the title page). */
    public CallSpec title() {
        return stepWith(Role.WAIT_FOR_DROP).orElseThrow().call();
    }

    /** The wait-for-drop step's {@code until}: whether the final episode is out, read from its answer. */
    public Optional<String> finalAvailable() {
        return stepWith(Role.WAIT_FOR_DROP).orElseThrow().until();
    }

    /** The call that starts the stream. */
    public CallSpec play() {
        return stepWith(Role.PLAY).orElseThrow().call();
    }

    /** How "not yet" looks for the play step; empty when the service never says so. */
    public Optional<Locked> locked() {
        return stepWith(Role.PLAY).orElseThrow().locked();
    }

    /** The heartbeat's call, when the service has one. */
    public Optional<CallSpec> heartbeat() {
        return stepWith(Role.HEARTBEAT).map(JourneyStep::call);
    }

    /** The service's heartbeat interval in real time (the night compresses it as time). */
    public Duration heartbeatEvery() {
        return stepWith(Role.HEARTBEAT).flatMap(JourneyStep::every).map(Interval::min).orElse(CALIBRATED_HEARTBEAT);
    }

    /** Every call of the journey, in the order a viewer makes them (a group's calls together). */
    public List<CallSpec> steps() {
        List<CallSpec> steps = new ArrayList<>();
        journey.forEach(s -> steps.addAll(s.calls()));
        return steps;
    }

    /** The steps before and after the wait for the drop and the play, by where they sit. */
    public List<JourneyStep> between(Role after, Role before) {
        int from = after == null ? -1 : journey.indexOf(stepWith(after).orElseThrow());
        int to = before == null ? journey.size() : journey.indexOf(stepWith(before).orElseThrow());
        List<JourneyStep> out = new ArrayList<>();
        for (int i = from + 1; i < to; i++) {
            if (journey.get(i).role() != Role.HEARTBEAT) {
                out.add(journey.get(i));
            }
        }
        return out;
    }

    /** Steps the journey skips because the service has no such call: for the report. */
    public List<String> skippedSteps() {
        List<String> skipped = new ArrayList<>();
        if (session().isEmpty()) {
            skipped.add("session");
        }
        if (heartbeat().isEmpty()) {
            skipped.add("heartbeat");
        }
        return skipped;
    }

    /** Whether the journey is given the drop instant by the target ({@code dropAt} saved by a step). */
    public boolean announcesDrop() {
        return steps().stream().anyMatch(c -> c.savedNames().contains(DROP_AT));
    }
}
