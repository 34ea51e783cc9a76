package io.dropnight.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The injectors' live metrics are always on where they are deployed (the image, the Kubernetes Job,
 * docker-compose), on one port, on every interface of their pod or container, and every scraper is
 * told where: the pods' prometheus.io annotations, the image's EXPOSE.
 */
class LiveMetricsDeploymentTest {
    private static final Path K8S = Path.of("deploy/k8s");
    private static final Pattern PORT_FLAG = Pattern.compile("-Dmetrics\\.port=(\\d+)");
    private static final String ALL_INTERFACES = "-Dmetrics.host=0.0.0.0";

    @Test
    void theInjectorsJobServesTheMetricsOnANamedPortOfEveryInterface() throws IOException {
        Container injector = injectorContainer();
        int port = metricsPort(injector.getArgs());
        assertTrue(injector.getArgs().contains(ALL_INTERFACES), "loopback cannot be scraped from outside the pod: " + injector.getArgs());
        ContainerPort metrics = injector.getPorts().stream().filter(p -> "metrics".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named metrics: " + injector.getPorts()));
        assertEquals(port, metrics.getContainerPort());
        Map<String, String> annotations = podTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals(Integer.toString(port), annotations.get("prometheus.io/port"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
    }

    @Test
    void theInjectorImageServesTheMetricsOnTheSamePortUnlessAnArgumentSaysOtherwise() throws IOException {
        int port = metricsPort(injectorContainer().getArgs());
        String entrypoint = Files.readString(Path.of("deploy/injector/entrypoint.sh"));
        int metrics = entrypoint.indexOf("-Dmetrics.port=" + port + " " + ALL_INTERFACES);
        assertTrue(metrics > 0, "the image's entrypoint turns the live metrics on at " + port);
        // The JVM keeps a property's last value: the container's arguments must come after.
        assertTrue(entrypoint.indexOf("\"$@\"", metrics) > metrics, "the arguments come after the image's defaults");
        assertTrue(Files.readAllLines(Path.of("Dockerfile.injector")).contains("EXPOSE " + port), "Dockerfile.injector exposes " + port);
    }

    @Test
    void composeInjectorsExposeTheMetricsOnItsNetworkWithoutPublishingThem() throws IOException {
        int port = metricsPort(injectorContainer().getArgs());
        Map<String, Object> services = KubernetesManifestsTest.composeServices();
        List<String> injectors = services.keySet().stream().filter(s -> s.startsWith("injector-")).toList();
        assertFalse(injectors.isEmpty());
        for (String name : injectors) {
            Map<?, ?> s = (Map<?, ?>) services.get(name);
            assertEquals(List.of(Integer.toString(port)), ((List<?>) s.get("expose")).stream().map(String::valueOf).toList(), name);
            assertNull(s.get("ports"), name + ": publishing one host port for every injector would clash");
        }
    }

    private static int metricsPort(List<String> args) {
        return args.stream().map(PORT_FLAG::matcher).filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1)))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no -Dmetrics.port in " + args));
    }

    private static PodTemplateSpec podTemplate() throws IOException {
        return ((Job) KubernetesSchema.validate(KubernetesManifestsTest.documents(K8S.resolve("injectors-job.yaml")).get(0)))
                .getSpec().getTemplate();
    }

    private static Container injectorContainer() throws IOException {
        return podTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals("injector")).findFirst().orElseThrow();
    }
}
