package io.dropnight.simulations;

import io.dropnight.simulations.nights.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journey's accounts serve the populations that walk it (issue 23): its rows are counted against
 * their viewers, not the whole night's, and populations naming one journey file share one journey
 * and one share of its rows.
 */
class NightFileAccountsTest {
    private static Properties props(Path dir, String... kv) {
        Properties p = new Properties();
        p.setProperty("reportsDir", dir.resolve("reports").toString());
        p.setProperty("dropnight.launcher", "dropnight");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static void accountsJourney(Path dir, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("username\n");
        for (int i = 0; i < rows; i++) {
            csv.append("viewer-").append(i).append('\n');
        }
        Files.writeString(dir.resolve("accounts.csv"), csv);
        String builtIn;
        try (InputStream in = NightFileAccountsTest.class.getResourceAsStream("/profiles/dropnight.yml")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("signed-in.yml"), builtIn.replace("name: dropnight", "name: signed-in\naccounts: { csv: accounts.csv }")
                .replace("json: { profile: 'viewer-#{userId}' }", "json: { profile: '#{username}' }"));
    }

    @Test
    void populationsOfOneJourneyFileShareItsRowsAndOthersNeedNone(@TempDir Path dir) throws Exception {
        accountsJourney(dir, 300);
        Path night = Files.writeString(dir.resolve("n.yml"), """
                name: n
                drop: 1m
                populations:
                  - { name: tv, behaviour: wait-for-drop, journey: signed-in.yml, arrivals: [ { gather: 100 } ] }
                  - { name: phones, behaviour: play-now, journey: signed-in.yml, arrivals: [ { until: drop }, { ramp: 200, over: 10s } ] }
                  - { name: web, behaviour: play-now, arrivals: [ { until: drop }, { ramp: 5000, over: 10s } ] }
                """);
        PreparedNight prepared = PreparedNight.prepare(Optional.empty(), props(dir, "night", night.toString(), "scale", "1"));
        Population tv = prepared.plan().populations().get(0);
        Population phones = prepared.plan().populations().get(1);
        Population web = prepared.plan().populations().get(2);
        assertSame(prepared.profileOf(tv), prepared.profileOf(phones), "one journey file, one journey");
        assertSame(prepared.accountsOf(tv).orElseThrow(), prepared.accountsOf(phones).orElseThrow(), "one share of its rows");
        assertEquals(300, prepared.accountsOf(tv).orElseThrow().rows().size());
        assertTrue(prepared.accountsOf(web).isEmpty(), "the web viewers walk the night's journey, which has no accounts");

        // 301 viewers on the signed-in journey: one row short, whatever the web population's size.
        Path short1 = Files.writeString(dir.resolve("short.yml"), Files.readString(night).replace("gather: 100", "gather: 101"));
        RunRefused e = assertThrows(RunRefused.class,
                () -> PreparedNight.prepare(Optional.empty(), props(dir, "night", short1.toString(), "scale", "1")));
        assertTrue(e.getMessage().startsWith("profile " + dir.resolve("signed-in.yml").toAbsolutePath().normalize() + ": "), e.getMessage());
        assertEquals(RunRefused.BAD_PARAMETER, e.exitStatus());
    }
}
