package io.dropnight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without Prometheus its tests are skipped naming the package to install; under CI=true they fail.
 * Its configuration scrapes every second and finds each job's targets in a file re-read every second.
 */
class PrometheusToolTest {

    @Test
    void aMissingPrometheusSkipsNamingThePackageAndFailsUnderCi() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ExternalTool.require(Map.of("PATH", "/nonexistent"), PrometheusServer.DEBIAN_PACKAGE, "prometheus"));
        assertTrue(skipped.getMessage().contains("install the Debian package prometheus"), skipped.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> ExternalTool.require(
                Map.of("PATH", "/nonexistent", "CI", "true"), PrometheusServer.DEBIAN_PACKAGE, "prometheus"));
        assertTrue(failed.getMessage().startsWith("CI=true: "), failed.getMessage());
    }

    @Test
    void scrapesEverySecondEachJobFromItsOwnTargetsFile() throws Exception {
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("injector", "/metrics");
        jobs.put("service", "/metrics/prometheus");
        Path dir = Path.of("/tmp/prometheus-test");
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(PrometheusServer.config(dir, jobs));
        assertEquals("1s", config.at("/global/scrape_interval").asText());
        assertEquals("1s", config.at("/global/scrape_timeout").asText(), "a timeout over the interval is refused by Prometheus");
        assertEquals(2, config.get("scrape_configs").size());
        JsonNode service = config.get("scrape_configs").get(1);
        assertEquals("service", service.get("job_name").asText());
        assertEquals("/metrics/prometheus", service.get("metrics_path").asText());
        assertEquals(dir.resolve("targets-service.json").toString(), service.at("/file_sd_configs/0/files/0").asText());
        assertEquals("1s", service.at("/file_sd_configs/0/refresh_interval").asText());
    }
}
