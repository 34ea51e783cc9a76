package io.dropnight.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The injectors' live metrics are always on where they are deployed (the image, the Kubernetes Job,
 * docker-compose), on one port, on every interface of their pod or container, and every scraper is
 * told where: the Operator's PodMonitors, the pods' prometheus.io annotations, the image's EXPOSE. The
 * stub service's own metrics ({@code /metrics/prometheus}) are announced the same way.
 */
class LiveMetricsDeploymentTest {
    private static final Path K8S = Path.of("deploy/k8s");
    private static final Pattern PORT_FLAG = Pattern.compile("-Dmetrics\\.port=(\\d+)");
    private static final String ALL_INTERFACES = "-Dmetrics.host=0.0.0.0";
    /** NightRun waits this long after the night for a last scrape: a slower scraper misses the final figures. */
    private static final Duration FINAL_SCRAPE_WAIT = Duration.ofSeconds(3);

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
    void eachPodMonitorSelectsTheWorkloadsPodsOnAPortTheyNameAndThePathTheirAnnotationsSay() throws IOException {
        Map<String, PodTemplateSpec> workloads = podTemplates();
        Set<String> monitored = new HashSet<>();
        for (KubernetesSchema.PodMonitor monitor : podMonitors()) {
            String name = monitor.metadata().getName();
            LabelSelector selector = monitor.spec().selector();
            assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty(),
                    name + ": the selector is checked by its matchLabels only");
            assertFalse(selector.getMatchLabels().isEmpty(), name + ": an empty selector selects every pod of the namespace");
            List<String> selected = workloads.entrySet().stream().filter(w -> w.getValue().getMetadata().getLabels().entrySet()
                    .containsAll(selector.getMatchLabels().entrySet())).map(Map.Entry::getKey).toList();
            assertEquals(1, selected.size(), name + " selects the pods of " + selected);
            PodTemplateSpec pods = workloads.get(selected.get(0));
            monitored.add(selected.get(0));
            Map<String, String> annotations = pods.getMetadata().getAnnotations();
            Map<String, Integer> ports = new HashMap<>();
            pods.getSpec().getContainers().forEach(c -> c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort())));
            assertFalse(monitor.spec().podMetricsEndpoints().isEmpty(), name);
            for (KubernetesSchema.PodMetricsEndpoint ep : monitor.spec().podMetricsEndpoints()) {
                assertTrue(ports.containsKey(ep.port()), name + ": port " + ep.port() + " is not one of the pods' " + ports.keySet());
                assertEquals(annotations.get("prometheus.io/port"), Integer.toString(ports.get(ep.port())), name + ": the same port");
                assertEquals(annotations.get("prometheus.io/path"), ep.path(), name + ": the same path");
                Duration interval = duration(ep.interval());
                assertTrue(interval.compareTo(FINAL_SCRAPE_WAIT) < 0, name + " scrapes every " + ep.interval()
                        + ": an injector waits " + FINAL_SCRAPE_WAIT.toSeconds() + " s for a last scrape");
                assertTrue(duration(ep.scrapeTimeout()).compareTo(interval) <= 0, "Prometheus refuses a timeout above the interval");
            }
        }
        assertEquals(workloads.keySet(), monitored, "every workload that serves metrics is monitored");
    }

    @Test
    void theStubServiceIsScrapedOnItsPrometheusRoute() throws IOException {
        Map<String, String> annotations = podTemplates().get("Deployment/dropnight-service").getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("8080", annotations.get("prometheus.io/port"));
        assertEquals("/metrics/prometheus", annotations.get("prometheus.io/path"));
    }

    /**
     * The Operator sets these labels on every series of a PodMonitor's targets; a scraped series that
     * has one of them keeps it only with honorLabels (else Prometheus renames it exported_...). The
     * injector's requests and the service's carry {@code endpoint}, which the dashboard groups by.
     */
    @Test
    void thePodMonitorsKeepTheScrapedLabelsWhereTheOperatorSetsTheSame() throws IOException {
        Set<String> clashing = new HashSet<>(LiveScrape.ofAnInjector().and(LiveScrape.ofTheService()).allLabels());
        clashing.retainAll(Set.of("namespace", "container", "pod", "job", "endpoint", "instance"));
        assertEquals(Set.of("endpoint"), clashing, "the labels scraped that the Operator also sets on a target");
        for (KubernetesSchema.PodMonitor monitor : podMonitors()) {
            for (KubernetesSchema.PodMetricsEndpoint ep : monitor.spec().podMetricsEndpoints()) {
                assertEquals(Boolean.TRUE, ep.honorLabels(), monitor.metadata().getName() + ": honorLabels, or "
                        + clashing + " become exported_...");
            }
        }
    }

    @Test
    void theKustomizationDeploysThePodMonitor() throws IOException {
        JsonNode k = KubernetesManifestsTest.documents(K8S.resolve("kustomization.yaml")).get(0);
        assertTrue(k.path("resources").toString().contains("\"podmonitor.yaml\""), k.path("resources").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interval:2 seconds", "interval:", "scrapeTimeout:1.5s", "honorLabel:true", "portNumber:0"})
    void aPodMonitorWithABadFieldFailsValidationNamingIt(String change) throws IOException {
        JsonNode doc = KubernetesManifestsTest.documents(K8S.resolve("podmonitor.yaml")).get(0).deepCopy();
        String[] kv = change.split(":", 2);
        ObjectNode ep = (ObjectNode) doc.at("/spec/podMetricsEndpoints/0");
        if (kv[0].equals("portNumber")) {
            ep.put(kv[0], Integer.parseInt(kv[1]));
        } else {
            ep.put(kv[0], kv[1]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(doc));
        assertTrue(e.getMessage().startsWith("PodMonitor/dropnight-injectors: "), e.getMessage());
        assertTrue(e.getMessage().contains(kv[0]) || e.getMessage().contains("'" + kv[1] + "'"), e.getMessage());
    }

    @Test
    void aPodMonitorWithoutASelectorOrOfAnotherApiVersionFailsValidation() throws IOException {
        ObjectNode noSelector = KubernetesManifestsTest.documents(K8S.resolve("podmonitor.yaml")).get(0).deepCopy();
        ((ObjectNode) noSelector.get("spec")).remove("selector");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(noSelector))
                .getMessage().contains("spec.selector is required"));
        ObjectNode oldVersion = KubernetesManifestsTest.documents(K8S.resolve("podmonitor.yaml")).get(0).deepCopy();
        oldVersion.put("apiVersion", "monitoring.coreos.com/v1alpha1");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(oldVersion))
                .getMessage().contains("apiVersion must be monitoring.coreos.com/v1"));
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

    private static Duration duration(String promDuration) {
        assertTrue(promDuration != null && promDuration.matches("\\d+(ms|s)"), "a duration in s or ms: " + promDuration);
        return promDuration.endsWith("ms") ? Duration.ofMillis(Long.parseLong(promDuration.replace("ms", "")))
                : Duration.ofSeconds(Long.parseLong(promDuration.replace("s", "")));
    }

    private static List<KubernetesSchema.PodMonitor> podMonitors() throws IOException {
        List<KubernetesSchema.PodMonitor> out = KubernetesManifestsTest.documents(K8S.resolve("podmonitor.yaml")).stream()
                .map(d -> (KubernetesSchema.PodMonitor) KubernetesSchema.validate(d)).toList();
        assertFalse(out.isEmpty());
        return out;
    }

    /** The pod templates of deploy/k8s's workloads that serve metrics, by kind/name. */
    private static Map<String, PodTemplateSpec> podTemplates() throws IOException {
        Map<String, PodTemplateSpec> out = new TreeMap<>();
        for (Path f : KubernetesManifestsTest.manifests()) {
            for (JsonNode doc : KubernetesManifestsTest.documents(f)) {
                Object o = KubernetesSchema.validate(doc);
                PodTemplateSpec t = o instanceof Job j ? j.getSpec().getTemplate() : o instanceof Deployment d ? d.getSpec().getTemplate() : null;
                if (t != null && t.getMetadata().getAnnotations() != null
                        && "true".equals(t.getMetadata().getAnnotations().get("prometheus.io/scrape"))) {
                    out.put(doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText(), t);
                }
            }
        }
        return out;
    }

    private static PodTemplateSpec podTemplate() throws IOException {
        return ((Job) KubernetesSchema.validate(KubernetesManifestsTest.documents(K8S.resolve("injectors-job.yaml")).get(0)))
                .getSpec().getTemplate();
    }

    private static Container injectorContainer() throws IOException {
        return podTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals("injector")).findFirst().orElseThrow();
    }
}
