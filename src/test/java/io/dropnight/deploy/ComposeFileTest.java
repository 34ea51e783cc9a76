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

    @Test
    void shardedInjectorsCoverEveryIndexOnceAndTheMergeWaitsForEachOne() throws Exception {
        java.util.Map<String, Object> services = KubernetesManifestsTest.composeServices();
        java.util.List<String> injectors = services.keySet().stream().filter(s -> s.startsWith("injector-")).sorted().toList();
        assertTrue(injectors.size() >= 2, injectors.toString());
        for (int i = 0; i < injectors.size(); i++) {
            java.util.List<?> flags = (java.util.List<?>) ((java.util.Map<?, ?>) services.get(injectors.get(i))).get("command");
            assertTrue(flags.contains("-Dinjector=" + i), injectors.get(i) + " " + flags);
            assertTrue(flags.contains("-Dinjectors=" + injectors.size()), injectors.get(i) + " " + flags);
            assertTrue(flags.contains("-Dtarget=http://service:8080"), injectors.get(i) + " " + flags);
        }
        java.util.Map<?, ?> waitsFor = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) services.get("merge")).get("depends_on");
        assertEquals(new java.util.TreeSet<>(injectors), new java.util.TreeSet<>(waitsFor.keySet()));
        for (Object condition : waitsFor.values()) {
            assertEquals("service_completed_successfully", ((java.util.Map<?, ?>) condition).get("condition"));
        }
    }
}
