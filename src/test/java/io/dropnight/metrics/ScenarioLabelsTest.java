package io.dropnight.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLabelsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "premiere-night|premiere-night",
        "Premiere Night|premiere-night",
        "  browse_1.2  |browse_1.2",
        "a,b/c d|a-b-c-d",
        "NULL|unlabelled",
        "''|unlabelled",
        "'   '|unlabelled",
        "<script>|-script-",
        "ÉTÉ|-t-",
    })
    void sanitisesToLowerCaseSafeCharacters(String raw, String expected) {
        assertEquals(expected, ScenarioLabels.sanitise(raw));
    }

    @Test
    void truncatesLongLabels() {
        String label = ScenarioLabels.sanitise("x".repeat(10_000));
        assertEquals(ScenarioLabels.MAX_LENGTH, label.length());
    }

    @Test
    void mapsLabelsBeyondTheBudgetToOtherButKeepsAdmittedOnes() {
        ScenarioLabels labels = new ScenarioLabels(3);
        assertEquals("a", labels.label("a"));
        assertEquals("b", labels.label("b"));
        assertEquals("c", labels.label("c"));
        assertEquals("other", labels.label("d"));
        assertEquals("a", labels.label("A"));
        assertEquals("unlabelled", labels.label(null));
    }

    @Test
    void neverAdmitsMoreThanTheBudgetUnderConcurrency() throws Exception {
        ScenarioLabels labels = new ScenarioLabels(64);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(labels.label("s" + ((i * 7 + thread) % 1_000)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> distinct = new HashSet<>(seen);
        assertTrue(distinct.contains("other"));
        assertEquals(65, distinct.size(), "64 admitted labels plus 'other'");
    }

    @Test
    void rejectsAZeroBudget() {
        assertThrows(IllegalArgumentException.class, () -> new ScenarioLabels(0));
    }
}
