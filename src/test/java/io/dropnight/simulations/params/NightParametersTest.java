package io.dropnight.simulations.params;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NightParametersTest {

    @Test
    void defaultsRehearseTheFinaleDropAgainstTheEmbeddedService() {
        NightParameters p = NightParameters.defaults();
        assertEquals(Night.FINALE_DROP, p.night());
        assertEquals(0.5, p.scale());
        assertEquals(20, p.compression());
        assertEquals(RefreshPolicy.REFRESH, p.refreshPolicy());
        assertEquals(5, p.maxRefreshes());
        assertTrue(p.target().isEmpty());
        assertFalse(p.enforceSlos(), "the default night breaks its SLOs by design: reported, not enforced");
        assertEquals("fixed", p.service().policy());
    }

    @Test
    void readsEveryParameterFromProperties() {
        NightParameters p = NightParameters.fromProperties(props(
                "night", "live-event", "scale", "0.25", "compression", "60", "dropOffset", "10s",
                "refresh", "backoff", "maxRefreshes", "3", "slo.playbackStartP99Ms", "250", "slo.enforce", "true",
                "target", "http://127.0.0.1:8080", "policy", "priority", "slots", "8", "singleFlight", "true"));
        assertEquals(Night.LIVE_EVENT, p.night());
        assertEquals(Duration.ofSeconds(10), p.dropOffset().orElseThrow());
        assertEquals(RefreshPolicy.BACKOFF, p.refreshPolicy());
        assertEquals(250, p.slo().playbackStartP99Millis());
        assertTrue(p.enforceSlos());
        assertEquals("http://127.0.0.1:8080", p.target().orElseThrow().toString());
        assertTrue(p.service().toArgs().containsAll(java.util.List.of("--policy", "priority", "--slots", "8", "--single-flight")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "night|finale|night = finale: must be one of finale-drop, premiere-drop, christmas-volume, live-event, cinema-rush, or a night file (.yml)",
        "scale|-1|scale = -1: must be a number from 0.001 to 100",
        "scale|lots|scale = lots: must be a number such as 0.5 or 20",
        "compression|0.5|compression = 0.5: must be a number from 1 to 1000",
        "dropOffset|soon|dropOffset = soon: must be a duration such as 500ms, 30s or 2m",
        "dropOffset|200ms|dropOffset = 200ms: must be from 1s to 1h",
        "refresh|panic|refresh = panic: must be one of refresh, backoff",
        "maxRefreshes|99|maxRefreshes = 99: must be a whole number from 0 to 50",
        "maxRefreshes|2.5|maxRefreshes = 2.5: must be a whole number",
        "slo.playbackStartP99Ms|0|slo.playbackStartP99Ms = 0: must be a whole number of milliseconds from 1 to 3600000",
        "slo.errorPageRatePct|120|slo.errorPageRatePct = 120: must be a number from 0 to 100",
        "slo.enforce|maybe|slo.enforce = maybe: must be true or false",
        "target|ftp://host|target = ftp://host: must be an http(s) URL with a host and no path, such as http://127.0.0.1:8080",
        "policy|random|policy = random: must be one of none, fixed, adaptive, priority",
        "slots|0|slots = 0: must be a whole number >= 1",
        "queueLimit|-5|queueLimit = -5: must be a whole number >= 0",
        "serviceTime|fast|serviceTime = fast: must be ENDPOINT=SPEC[,ENDPOINT=SPEC...], such as playback-start=lognormal:20ms:120ms",
        "errorPageStatus|404|errorPageStatus = 404: must be 200 or a 5xx status such as 503",
    })
    void aBadValueIsOneLineNamingPropertyValueAndRule(String property, String value, String message) {
        ParameterException e = assertThrows(ParameterException.class,
                () -> NightParameters.fromProperties(props(property, value)));
        assertEquals(message, e.getMessage());
        assertEquals(property, e.property());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void compressionDividesRealDurationsAndScaleMultipliesUsers() {
        NightParameters p = NightParameters.fromProperties(props("compression", "20", "scale", "0.5"));
        assertEquals(Duration.ofSeconds(45), p.compressed(Duration.ofMinutes(15)));
        assertEquals(1_000, p.users(2_000));
        assertEquals(1, p.users(1));
    }

    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void readsTheTargetProfilePreflightAndDropInstant() {
        Properties p = new Properties();
        assertTrue(NightInvocation.fromProperties(p).profile().isEmpty(), "the built-in profile");
        assertTrue(NightInvocation.fromProperties(p).preflight(), "preflight by default");
        assertTrue(NightInvocation.fromProperties(p).dropAt().isEmpty());
        p.setProperty(NightParameters.PROFILE, "staging.yml");
        p.setProperty(NightParameters.PREFLIGHT, "false");
        p.setProperty(NightParameters.DROP_AT, "2026-12-31T02:00:00Z");
        assertEquals(java.nio.file.Path.of("staging.yml"), NightInvocation.fromProperties(p).profile().orElseThrow());
        assertFalse(NightInvocation.fromProperties(p).preflight());
        assertEquals(java.time.Instant.parse("2026-12-31T02:00:00Z"), NightInvocation.fromProperties(p).dropAt().orElseThrow());
        p.setProperty(NightParameters.DROP_AT, "2am");
        ParameterException e = assertThrows(ParameterException.class, () -> NightInvocation.fromProperties(p).dropAt());
        assertTrue(e.getMessage().startsWith("dropAt = 2am: must be an ISO-8601 instant"), e.getMessage());
    }

    /** The planner reads its night flags with fromProperties, -Dplan set; only a night refuses -Dplan. */
    @Test
    void onlyRefusePlanRefusesDashDPlan() {
        assertEquals(0.25, NightParameters.fromProperties(props("plan", "capacity", "scale", "0.25")).scale());
        ParameterException e = assertThrows(ParameterException.class,
                () -> NightParameters.refusePlan(props("plan", " breakpoint ")));
        assertEquals("plan", e.property());
        assertEquals("plan = breakpoint: a plan is a sequence of nights, run by scripts/plan.sh -Dplan=breakpoint"
                + " (mvn gatling:test runs one night)", e.getMessage());
        NightParameters.refusePlan(props("plan", " ", "plan.resolution", "0.1")); // blank is unset, as for every flag
    }
}
