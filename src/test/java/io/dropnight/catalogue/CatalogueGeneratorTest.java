package io.dropnight.catalogue;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueGeneratorTest {
    private static final Instant DROP = Instant.parse("2026-11-26T01:00:00Z");

    @Test
    void sameSeedGivesTheSameCatalogue() {
        Catalogue a = CatalogueGenerator.generate(new CatalogueConfig(42, 3000, DROP, 1));
        Catalogue b = CatalogueGenerator.generate(new CatalogueConfig(42, 3000, DROP, 1));
        Catalogue c = CatalogueGenerator.generate(new CatalogueConfig(43, 3000, DROP, 1));
        assertEquals(a.title(1234).orElseThrow(), b.title(1234).orElseThrow());
        assertEquals(3000, a.size());
        assertNotEquals(a.title(1234).orElseThrow().name() + a.title(77).orElseThrow().name(),
                c.title(1234).orElseThrow().name() + c.title(77).orElseThrow().name());
    }

    @Test
    void onlyTheDropEpisodesWaitForTheDrop() {
        Catalogue cat = CatalogueGenerator.generate(new CatalogueConfig(1, 100, DROP, 3));
        DropSchedule schedule = new DropSchedule(DROP);
        assertEquals(3, cat.dropEpisodes().size());
        assertEquals(cat.finalEpisode(), cat.dropEpisodes().get(2));
        assertFalse(cat.finalEpisode().available(schedule, DROP.minusMillis(1)));
        assertTrue(cat.finalEpisode().available(schedule, DROP));
        assertTrue(cat.episode(10101).orElseThrow().available(schedule, DROP.minusSeconds(1)));
    }

    @Test
    void searchIsCaseInsensitiveAndBounded() {
        Catalogue cat = CatalogueGenerator.generate(new CatalogueConfig(1, 3000, DROP, 1));
        assertEquals("Hollow Lights", cat.search("HOLLOW LI", 5).get(0).name());
        assertTrue(cat.search("e", 20).size() <= 20);
        assertTrue(cat.search("   ", 20).isEmpty());
    }
}
