package io.dropnight.deploy;

import io.dropnight.testing.ExternalTool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml is valid (checked by docker-compose itself, which needs no engine for this).
 * Without docker-compose on PATH the check is skipped, or fails when {@code CI=true}.
 */
class ComposeFileTest {

    @Test
    void composeFileValidates() throws Exception {
        Path dockerCompose = ExternalTool.require("docker-compose", "docker-compose");
        Process p = new ProcessBuilder(dockerCompose.toString(), "-f", "docker-compose.yml", "config", "-q")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void servicePortIsPublishedOnLoopbackOnly() throws Exception {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        assertTrue(compose.contains("\"127.0.0.1:8080:8080\""), "the service must not listen on every interface");
    }
}
