package io.dropnight.simulations;

import io.dropnight.testing.NginxTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static io.dropnight.simulations.NginxTargetTest.ROUTES;
import static io.dropnight.simulations.NginxTargetTest.assertPlaysStartedAsNginxAnswered;
import static io.dropnight.simulations.NginxTargetTest.runNight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real nginx gateway of {@link NginxTargetTest}, answering the last season's episodes with
 * opaque string ids (issue 20): the nights that choose among them send only ids nginx gave. A class
 * of its own so that its two nights can run beside the others' (failsafe runs night classes two at
 * a time).
 */
@Tag("night")
class NginxStringIdsTest {
    /**
     * Nights that choose among the last season's string ids: premiere-drop binges from its first
     * episode, christmas-volume picks one of the last three. Every id a play sends is one nginx
     * gave, unchanged (an id it did not give is a 404 there), and the counts equal its log.
     */
    @ParameterizedTest
    @ValueSource(strings = {"premiere-drop", "christmas-volume"})
    void nightsThatChooseAnEpisodePlayStringIdsAsGiven(String nightName, @TempDir Path dir) throws Exception {
        NginxTargetTest.Night night = runNight(dir, "nginx-staging.yml", NginxTarget.Ids.STRINGS, nightName);
        assertEquals(0, night.exit(), night.log());
        Map<String, Long> harnessPerRoute = new TreeMap<>();
        night.runJson().get("requests").fields().forEachRemaining(e ->
                harnessPerRoute.merge(ROUTES.get(e.getKey()), e.getValue().asLong(), Long::sum));
        assertEquals(night.nginxPerRoute(), harnessPerRoute, "requests per endpoint, harness vs nginx\n" + night.log());
        assertTrue(NginxTarget.Ids.STRINGS.episodes().containsAll(night.plays().keySet()), "plays per id " + night.plays());
        assertTrue(night.plays().size() >= 2, nightName + " chooses among the season's ids: " + night.plays());
        assertPlaysStartedAsNginxAnswered(night);
    }
}
