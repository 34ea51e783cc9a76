package io.dropnight.simulations.params;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What a night is told reads back to itself from its properties: the round trip a probe's JVM relies on. */
class NightInvocationTest {

    private static NightInvocation roundTrip(NightInvocation i) {
        return NightInvocation.fromProperties(i.asProperties());
    }

    @Test
    void theDefaultsRoundTrip() {
        NightInvocation defaults = NightInvocation.fromProperties(new Properties());
        assertEquals(defaults, roundTrip(defaults));
    }

    @Test
    void everyValueGivenRoundTrips() {
        Properties p = new Properties();
        Map.ofEntries(
                Map.entry("night", "premiere-drop"), Map.entry("scale", "0.25"), Map.entry("compression", "50"),
                Map.entry("dropOffset", "1500ms"), Map.entry("refresh", "backoff"), Map.entry("maxRefreshes", "3"),
                Map.entry("slo.playbackStartP99Ms", "600"), Map.entry("slo.timeToPlayP95Ms", "2500"),
                Map.entry("slo.errorPageRatePct", "0.75"), Map.entry("slo.abandonmentPct", "0.1"), Map.entry("slo.enforce", "true"),
                Map.entry("target", "http://127.0.0.1:8080"), Map.entry("policy", "PRIORITY"), Map.entry("slots", "96"),
                Map.entry("queueLimit", "300"), Map.entry("seed", "7"), Map.entry("singleFlight", "true"), Map.entry("prewarm", "yes"),
                Map.entry("unconstrained", "on"), Map.entry("serviceTime", "playback-start=lognormal:20ms:120ms,home=fixed:5ms"),
                Map.entry("errorPageStatus", "200"), Map.entry("reportsDir", "/tmp/r"), Map.entry("gatlingResults", "/tmp/g"),
                Map.entry("injector.fdPercent", "80"), Map.entry("injector.lagGrace", "2500ms"), Map.entry("injector.serviceStallMs", "750"),
                Map.entry("profile", "staging.yml"), Map.entry("preflight", "false"), Map.entry("dropAt", "2026-12-31T02:00:00Z"),
                Map.entry("test.injectorFault", "true"), Map.entry("test.serviceStall", "2s"),
                Map.entry("gatling.http.requestTimeout", "30000")).forEach(p::setProperty);
        NightInvocation given = NightInvocation.fromProperties(p);
        assertEquals(given, roundTrip(given));
        assertEquals("priority", given.night().service().policy());
        assertEquals("30000", given.toProperties().get("gatling.http.requestTimeout"), "Gatling's own settings pass as given");
    }

    @Test
    void anExternalServicesReservationsDatabaseRoundTripsAndAMissingOneIsOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path db = java.nio.file.Files.writeString(dir.resolve("reservations.db"), "");
        Properties p = new Properties();
        p.setProperty(NightInvocation.RESERVATIONS_DB, db.toString());
        NightInvocation given = NightInvocation.fromProperties(p);
        assertEquals(java.util.Optional.of(db), given.reservationsDb());
        assertEquals(given, roundTrip(given));

        p.setProperty(NightInvocation.RESERVATIONS_DB, dir.resolve("nope.db").toString());
        ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(ParameterException.class,
                () -> NightInvocation.fromProperties(p));
        assertEquals("reservations.database = " + dir.resolve("nope.db") + ": must be the reservations database file of the service"
                + " under test (serve --reservations-db); it does not exist", e.getMessage());
    }

    @Test
    void aProbeChangesOnlyWhatItMust() {
        NightInvocation night = NightInvocation.fromProperties(new Properties());
        Map<String, String> probe = night.withCapacity(96, 384).withEnforcedSlos(false).toProperties();
        Map<String, String> before = night.toProperties();
        assertEquals("96", probe.get("slots"));
        assertEquals("384", probe.get("queueLimit"));
        assertEquals("false", probe.get("slo.enforce"));
        before.forEach((k, v) -> {
            if (!k.equals("slo.enforce")) {
                assertEquals(v, probe.get(k), k);
            }
        });
        assertFalse(probe.keySet().stream().anyMatch(k -> k.startsWith("plan")), "no planner flag reaches a probe");
    }
}
