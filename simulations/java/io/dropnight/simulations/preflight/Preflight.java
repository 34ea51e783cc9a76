package io.dropnight.simulations.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropnight.metrics.ScenarioLabels;
import io.dropnight.simulations.nights.EpisodeChoice;
import io.dropnight.profile.CallSpec;
import io.dropnight.profile.Capture;
import io.dropnight.profile.ElFunctions;
import io.dropnight.profile.ErrorPageSpec;
import io.dropnight.profile.Expressions;
import io.dropnight.profile.JourneyStep;
import io.dropnight.profile.Role;
import io.dropnight.profile.Locked;
import io.dropnight.profile.TargetProfile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One viewer walks the whole journey against the target before any load (issue 8): session,
 * home, title, a play attempt (locked is fine), one heartbeat if the episode is already out. Each
 * step's status and what it saved is printed. An unreachable target, a status the profile does not
 * expect, the error page, or a {@code save} that finds nothing ends the walk with a {@link Failed}
 * naming the step, the request and what was missing. Plain {@link HttpClient}, and the JMESPath
 * library Gatling's check uses. Not thread-safe: one walk at a time.
 */
public final class Preflight {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final TargetProfile profile;
    private final HttpClient client;
    private final Consumer<String> out;
    private final EpisodeChoice choice;
    private final RandomGenerator random;
    private final Map<String, String> values = new LinkedHashMap<>();
    /** The same values as the answers gave them, for a list of ids the episode choice reads. */
    private final Map<String, JsonNode> raw = new LinkedHashMap<>();
    /** Whether {@code episodeId} is the choice's (the load overwrites its own choice, never a captured id). */
    private boolean chose;

    /** The walk stopped: its message is one line naming the step, the request and what was missing. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The target's certificate was not trusted: the injector's configuration, never an answer to go on after. */
        private final boolean untrusted;

        Failed(String line) {
            this(line, false);
        }

        Failed(String line, boolean untrusted) {
            super(line, null, false, false);
            this.untrusted = untrusted;
        }
    }

    /**
     * @param baseUrl the target
     * @param profile how the journey calls it
     * @param choice  the episode the night's viewers start, chosen as the load chooses it
     * @param random  the choice's random source (seeded by the caller)
     * @param out     where each step's line is printed
     */
    public Preflight(URI baseUrl, TargetProfile profile, EpisodeChoice choice, RandomGenerator random, Consumer<String> out) {
        this(baseUrl, profile, choice, random, out, TlsTrust.forNight(System::getProperty, profile.trustStore()));
    }

    /**
     * As {@link #Preflight(URI, TargetProfile, EpisodeChoice, RandomGenerator, Consumer)}, trusting
     * the certificates {@code tls} trusts (the night's Gatling settings).
     */
    public Preflight(URI baseUrl, TargetProfile profile, EpisodeChoice choice, RandomGenerator random, Consumer<String> out,
                     TlsTrust tls) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.random = Objects.requireNonNull(random, "random");
        this.out = Objects.requireNonNull(out, "out");
        // As each Gatling viewer: a cookie jar (a login that sets a session cookie works on the next
        // step), redirects followed, HTTP/1.1, and the night's TLS trust.
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT).cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(profile.http2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        try {
            b.sslContext(tls.sslContext());
        } catch (IOException e) {
            throw new Failed("preflight: " + e.getMessage());
        }
        this.client = b.build();
        values.put(TargetProfile.USER_ID, "0");
        // The preflight's viewer signs in with the first account, as the night's first viewer will.
        profile.accounts().ifPresent(a -> values.putAll(a.rows().get(0)));
    }

    /**
     * Walks the whole journey.
     *
     * @return the values saved on the way (the announced {@code dropAt} among them, if any)
     * @throws Failed at the first step that does not go as the profile says
     */
    public Map<String, String> walk() {
        walkTo(true);
        return Map.copyOf(values);
    }

    /**
     * Walks only as far as the home page, leniently, for the drop instant the target announces
     * (used when the preflight is skipped).
     */
    public Optional<Instant> announcedDrop() {
        try {
            walkTo(false);
        } catch (Failed e) {
            return Optional.empty();
        }
        return dropAt(values);
    }

    /** The {@code dropAt} among saved values, when it is an ISO instant. */
    public static Optional<Instant> dropAt(Map<String, String> saved) {
        String text = saved.get(TargetProfile.DROP_AT);
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void walkTo(boolean whole) {
        boolean episodeOut = true;
        for (JourneyStep step : profile.journey()) {
            if (step.role() == Role.WAIT_FOR_DROP && !whole) {
                return;
            }
            if (!episodeOut && step.role() != Role.PLAY) {
                out.accept("preflight: " + step.name() + " not tried: the episode is not out yet");
                continue;
            }
            if (step.role() == Role.PLAY && values.containsKey(TargetProfile.FINAL_EPISODE_ID)) {
                chooseEpisode();
            }
            if (step.optional() || !step.parallel().isEmpty()) {
                for (CallSpec c : step.calls()) {
                    try {
                        call(c);
                    } catch (Failed e) {
                        if (e.untrusted) {
                            throw e; // not the target's answer: the load could not call it at all
                        }
                        // As the load: a failed optional step or group member is counted, and the journey goes on.
                        out.accept(e.getMessage().replace("preflight failed at step", "preflight: (optional, the journey goes on) step"));
                    }
                }
                continue;
            }
            HttpResponse<String> response = call(step.call());
            if (step.role() == Role.WAIT_FOR_DROP) {
                step.until().ifPresent(e -> {
                    Optional<JsonNode> available = Expressions.evaluate(substituted(step.name() + ".until", e), json(response));
                    out.accept("preflight: " + step.name() + " until = " + available.map(JsonNode::toString).orElse("(nothing)"));
                });
            }
            if (step.role() == Role.PLAY) {
                episodeOut = step.call().okStatuses().contains(response.statusCode()) && !isLocked(response);
            }
        }
    }

    /** The viewers' own choice, ids kept as the answers gave them: the preflight fails where the load would. */
    private void chooseEpisode() {
        if (values.containsKey(TargetProfile.EPISODE_ID) && !chose) {
            return; // the journey captured its own episodeId
        }
        String episode = choice.pick(values.get(TargetProfile.FINAL_EPISODE_ID), episodeIds(), 0, random);
        values.put(TargetProfile.EPISODE_ID, episode);
        chose = true;
        out.accept("preflight: episode " + episode + " chosen as the night's viewers choose (" + choice.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    private HttpResponse<String> call(CallSpec call) {
        String address = substituted(call.step() + ".path", profile.address(call));
        URI uri = baseUrl.resolve(address);
        String request = call.method() + " " + uri;
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("X-Scenario", ScenarioLabels.HARNESS).header("Accept", "application/json");
        if (profile.http2() && "http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // as Gatling: HTTP/2 by ALPN over TLS only, no cleartext upgrade
        }
        if (call.role() != Role.SESSION) {
            profile.headers().forEach((name, value) -> b.header(name, substituted("headers." + name, value)));
        }
        call.headers().forEach((name, value) -> b.header(name, substituted(call.step() + ".headers." + name, value)));
        HttpRequest.BodyPublisher body = call.body()
                .map(t -> HttpRequest.BodyPublishers.ofString(substituted(call.step() + ".body", t)))
                .orElse(HttpRequest.BodyPublishers.noBody());
        if (call.body().isPresent() && call.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            b.header("Content-Type", call.rawBody() ? "text/plain" : "application/json");
        }
        if (!call.form().isEmpty()) {
            StringBuilder form = new StringBuilder();
            call.form().forEach((name, value) -> form.append(form.length() == 0 ? "" : "&")
                    .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(substituted(call.step() + ".form." + name, value), java.nio.charset.StandardCharsets.UTF_8)));
            body = HttpRequest.BodyPublishers.ofString(form.toString());
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        HttpResponse<String> response = send(call, request, b.method(call.method(), body).build());
        int status = response.statusCode();
        // As the night classifies: locked (play only) first, then the error page.
        boolean locked = call.role() == Role.PLAY && isLocked(response);
        if (!locked && isErrorPage(response)) {
            throw fail(call, request, "answered with the error page (status " + status + ")");
        }
        if (!call.okStatuses().contains(status) && !locked) {
            throw fail(call, request, "status " + status + ", the profile expects " + call.okStatuses()
                    + (call.role() == Role.PLAY ? profile.locked().map(l -> " or " + l.status() + " (locked)").orElse("") : ""));
        }
        if (locked) {
            out.accept("preflight: " + call.step() + " " + request + " -> " + status + " locked (the episode is not out yet; allowed)");
            return response;
        }
        Map<String, String> saved = new LinkedHashMap<>();
        JsonNode document = call.save().isEmpty() ? null : json(call, request, response);
        for (Map.Entry<String, String> save : call.save().entrySet()) {
            String expression = substituted(call.step() + ".save." + save.getKey(), save.getValue());
            Optional<JsonNode> found = Expressions.evaluate(expression, document);
            if (found.isEmpty()) {
                throw fail(call, request, "status " + status + ", but save " + save.getKey() + " (JMESPath '"
                        + save.getValue() + "') found nothing in the answer");
            }
            String value = found.get().isTextual() ? found.get().asText() : found.get().toString();
            saved.put(save.getKey(), value);
            raw.put(save.getKey(), found.get());
        }
        for (Map.Entry<String, Capture> capture : call.captures().entrySet()) {
            Optional<Object> found = Captures.read(capture.getValue(), response.headers(), response.body());
            if (found.isEmpty()) {
                throw fail(call, request, "status " + status + ", but save " + capture.getKey() + " (" + capture.getValue().kind().key()
                        + " '" + capture.getValue().expression() + "') found nothing in the answer");
            }
            saved.put(capture.getKey(), String.valueOf(found.get()));
        }
        values.putAll(saved);
        out.accept("preflight: " + call.step() + " " + request + " -> " + status + (saved.isEmpty() ? "" : ", saved " + saved));
        return response;
    }

    /** The saved {@code episodeIds}, each as its text; empty when none was saved or it is not a list. */
    private List<String> episodeIds() {
        JsonNode ids = raw.get(TargetProfile.EPISODE_IDS);
        if (ids == null || !ids.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        ids.forEach(id -> {
            if (!id.isNull()) {
                out.add(id.isTextual() ? id.asText() : EpisodeChoice.idText(id.numberValue() != null ? id.numberValue() : id.toString()));
            }
        });
        return out;
    }

    private HttpResponse<String> send(CallSpec call, String request, HttpRequest r) {
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLException e) {
            throw new Failed(fail(call, request, "the target's certificate is not trusted (" + e.getMessage() + "): give its trust store"
                    + " as the journey file's protocol.trustStore, or with -D" + TlsTrust.TRUST_STORE + "=FILE (and -D"
                    + TlsTrust.TRUST_STORE_PASSWORD + "), or -D"
                    + TlsTrust.INSECURE + "=true to trust any certificate").getMessage(), true);
        } catch (IOException e) {
            throw fail(call, request, "the target is unreachable ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(call, request, "interrupted");
        }
    }

    private boolean isErrorPage(HttpResponse<String> r) {
        return profile.errorPage().matchesAnswer(r.statusCode(), contentType(r), r.body(), h -> r.headers().firstValue(h).isPresent());
    }

    private static String contentType(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse(null);
    }

    private boolean isLocked(HttpResponse<String> r) {
        Optional<Locked> locked = profile.locked();
        return locked.isPresent() && locked.get().status() == r.statusCode()
                && locked.get().bodyContains().map(m -> r.body().contains(m)).orElse(true)
                && locked.get().json().map(e -> ErrorPageSpec.truthyOnJson(e, contentType(r), r.body())).orElse(true);
    }

    private JsonNode json(CallSpec call, String request, HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw fail(call, request, "status " + r.statusCode() + ", but the answer is not JSON, so nothing can be saved from it");
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private String substituted(String key, String text) {
        return Expressions.substitute(text, values).orElseThrow(() -> new Failed("preflight: " + key
                + " uses a #{name} that no earlier step saved, or a Gatling function the preflight does not evaluate"
                + " (names known: " + values.keySet() + "; functions: " + ElFunctions.NAMES + ")"));
    }

    private static Failed fail(CallSpec call, String request, String what) {
        return new Failed("preflight failed at step " + call.step() + ": " + request + ": " + what);
    }
}
