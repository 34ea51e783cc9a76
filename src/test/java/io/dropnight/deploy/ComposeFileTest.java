package io.dropnight.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-compose.yml is valid (checked by docker-compose itself, which needs no engine for this). */
class ComposeFileTest {

    @Test
    void composeFileValidates() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/docker-compose").canExecute(),
                "docker-compose is not installed; .ci/run installs it");
        Process p = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
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
