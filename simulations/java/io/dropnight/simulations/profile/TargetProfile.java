package io.dropnight.simulations.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the viewer's journey maps onto one target's API (issue 8): read from a YAML file by
 * {@link ProfileReader}, validated before any load. Steps a service does not have are empty
 * ({@code session}, {@code heartbeat}); the journey skips them. Immutable.
 *
 * @param name           shown in the report
 * @param source         where it was read from: a file path, or {@link #BUILT_IN_SOURCE}
 * @param content        the file's text, recorded in run.json
 * @param session        signs the viewer in; empty when the service has no session
 * @param headers        sent on every step after the session (values may hold {@code #{name}})
 * @param home           the home page: learns the featured title, its final episode, the drop instant
 * @param title          the title page
 * @param finalAvailable JMESPath on the title page: whether the final episode is out; empty to go by {@code dropAt}
 * @param play           starts a stream
 * @param locked         how "not yet" looks for {@code play}; empty when the service never says so
 * @param heartbeat      keeps a stream alive; empty when the service has none
 * @param heartbeatEvery the service's heartbeat interval in real time (the night compresses it as time)
 * @param errorPage      how the target's error page is recognised
 * @param secrets        the {@code ${env:NAME}} values the file used, to be redacted from any text shown
 * @param accounts       the viewers' accounts (a CSV file, a row per viewer); empty when the journey needs none
 * @param hosts          named base URLs a step may call besides {@code -Dtarget} ({@code api}), by name
 */
public record TargetProfile(String name, String source, String content, Optional<CallSpec> session,
                            Map<String, String> headers, CallSpec home, CallSpec title,
                            Optional<String> finalAvailable, CallSpec play, Optional<Locked> locked,
                            Optional<CallSpec> heartbeat, Duration heartbeatEvery, ErrorPageSpec errorPage,
                            Secrets secrets, Optional<Accounts> accounts, Map<String, java.net.URI> hosts) {
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
        Objects.requireNonNull(session, "session");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(finalAvailable, "finalAvailable");
        Objects.requireNonNull(play, "play");
        Objects.requireNonNull(locked, "locked");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
        Objects.requireNonNull(errorPage, "errorPage");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(accounts, "accounts");
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(hosts, "hosts")));
    }

    /** The host {@code -Dtarget} names (a profile's {@code hosts.api}, if written, is replaced by it). */
    public static final String TARGET_HOST = "api";

    /**
     * The step's address: its {@code path} on its named host, or on {@code -Dtarget} (left
     * relative, for Gatling's base URL or the preflight's target to resolve).
     */
    public String address(CallSpec call) {
        return call.host().filter(h -> !h.equals(TARGET_HOST)).map(h -> {
            String base = hosts.get(h).toString();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + call.path();
        }).orElse(call.path());
    }

    /** The built-in {@code dropnight} profile, which describes the embedded service. */
    public static TargetProfile builtIn() {
        return ProfileReader.builtIn();
    }

    /** The steps in the order a viewer walks them, absent ones left out. */
    public List<CallSpec> steps() {
        List<CallSpec> steps = new ArrayList<>();
        session.ifPresent(steps::add);
        steps.add(home);
        steps.add(title);
        steps.add(play);
        heartbeat.ifPresent(steps::add);
        return steps;
    }

    /** Steps the journey skips because the service has no such call: for the report. */
    public List<String> skippedSteps() {
        List<String> skipped = new ArrayList<>();
        if (session.isEmpty()) {
            skipped.add("session");
        }
        if (heartbeat.isEmpty()) {
            skipped.add("heartbeat");
        }
        return skipped;
    }

    /** Whether the journey is given the drop instant by the target ({@code dropAt} saved by a step). */
    public boolean announcesDrop() {
        return steps().stream().anyMatch(c -> c.savedNames().contains(DROP_AT));
    }
}
