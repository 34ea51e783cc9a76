package io.dropnight.simulations.params;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -Dinjectors and -Dinjector: which share of the night this injector runs. */
class ShardParametersTest {
    private static final String TARGET = "http://127.0.0.1:8080";

    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void withoutEitherPropertyTheInjectorRunsTheWholeNight() {
        Shard s = NightParameters.shardFromProperties(props());
        assertEquals(Shard.WHOLE, s);
        assertFalse(s.sharded());
    }

    @Test
    void readsTheInjectorCountAndItsZeroBasedIndex() {
        Shard s = NightParameters.shardFromProperties(props("injectors", "3", "injector", "2", "target", TARGET));
        assertEquals(new Shard(2, 3), s);
        assertTrue(s.sharded());
        assertEquals(new Shard(0, 1), NightParameters.shardFromProperties(props("injectors", "1")));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
        "0|0|injectors = 0: must be a whole number from 1 to 10000",
        "-2|0|injectors = -2: must be a whole number from 1 to 10000",
        "three|0|injectors = three: must be a whole number",
        "3|3|injector = 3: must be from 0 to injectors - 1 = 2 (0-based, as JOB_COMPLETION_INDEX)",
        "3|-1|injector = -1: must be from 0 to injectors - 1 = 2 (0-based, as JOB_COMPLETION_INDEX)",
        "3|1.5|injector = 1.5: must be a whole number",
        "3||injector = (absent): is required when injectors = 3: this injector's 0-based index, such as $JOB_COMPLETION_INDEX",
        "|1|injector = 1: needs -Dinjectors, how many injectors share the night",
    })
    void aBadShardIsOneLineNamingThePropertyTheValueAndTheRule(String injectors, String injector, String message) {
        Properties p = props("target", TARGET);
        if (injectors != null) {
            p.setProperty("injectors", injectors);
        }
        if (injector != null) {
            p.setProperty("injector", injector);
        }
        ParameterException e = assertThrows(ParameterException.class, () -> NightParameters.shardFromProperties(p));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aShardedNightNeedsOneTargetForEveryInjector() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> NightParameters.shardFromProperties(props("injectors", "3", "injector", "0")));
        assertEquals("injectors = 3: a sharded night needs -Dtarget, the one service every injector loads", e.getMessage());
    }
}
