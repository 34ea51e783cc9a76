package io.dropnight.simulations.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** server.log records how the service was started, but never its admin token. */
class EmbeddedServiceLogTest {

    @Test
    void theAdminTokensValueIsNotWritten() {
        assertEquals("java -cp x io.dropnight.cli.Main serve --scale 0.5 --admin-token (secret) --policy fixed",
                EmbeddedService.printable(List.of("java", "-cp", "x", "io.dropnight.cli.Main", "serve", "--scale", "0.5",
                        "--admin-token", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", "--policy", "fixed")));
    }
}
