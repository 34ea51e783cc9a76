package io.dropnight.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/k8s, offline: every manifest parses and validates against the Kubernetes API schemas, the
 * kustomizations render, the injectors' Job wires its completion index to -Dinjector, and
 * docker-compose.yml runs the same images with the same flags.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("deploy/k8s");
    private static final List<String> KUSTOMIZATIONS = List.of("deploy/k8s", "deploy/k8s/merge");
    private static final String INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']";

    static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    static List<JsonNode> documents(Path file) throws IOException {
        return KubernetesSchema.documents(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void everyManifestParsesAndValidatesAgainstTheKubernetesApiSchemas() throws IOException {
        List<Path> files = manifests();
        assertTrue(files.size() >= 5, files.toString());
        for (Path f : files) {
            List<JsonNode> docs = documents(f);
            assertFalse(docs.isEmpty(), f + " holds no manifest");
            for (JsonNode doc : docs) {
                KubernetesSchema.validate(doc);
            }
        }
    }

    @Test
    void everyKustomizationListsFilesThatExist() throws IOException {
        for (String dir : KUSTOMIZATIONS) {
            JsonNode k = documents(Path.of(dir, "kustomization.yaml")).get(0);
            assertEquals("Kustomization", k.path("kind").asText());
            assertTrue(k.path("resources").size() > 0);
            for (JsonNode r : k.path("resources")) {
                assertTrue(Files.isRegularFile(Path.of(dir, r.asText())), dir + " lists " + r.asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/k8s", "deploy/k8s/merge"})
    void everyKustomizationRendersToValidManifests(String dir) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not on PATH: kustomize rendering not checked");
        Process p = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(false).start();
        String rendered = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, p.exitValue(), errors);
        List<JsonNode> docs = KubernetesSchema.documents(rendered);
        assertFalse(docs.isEmpty());
        for (JsonNode doc : docs) {
            KubernetesSchema.validate(doc);
            assertEquals("dropnight", doc.at("/metadata/labels/app.kubernetes.io~1part-of").asText(), doc.toString());
        }
    }

    @Test
    void anUnknownFieldOrAWrongTypeFailsValidationNamingIt() throws IOException {
        JsonNode job = documents(K8S.resolve("injectors-job.yaml")).get(0);
        ObjectNode typo = job.deepCopy();
        ((ObjectNode) typo.get("spec")).put("completionsMode", "Indexed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(typo));
        assertTrue(e.getMessage().contains("completionsMode"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Job/dropnight-injectors: "), e.getMessage());

        ObjectNode deepTypo = job.deepCopy();
        ((ObjectNode) deepTypo.at("/spec/template/spec/containers/0")).put("imagePullPolcy", "Always");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(deepTypo))
                .getMessage().contains("imagePullPolcy"));

        ObjectNode wrongType = job.deepCopy();
        ((ObjectNode) wrongType.get("spec")).putObject("completions").put("count", 3);
        assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(wrongType));

        ObjectNode wrongVersion = job.deepCopy();
        wrongVersion.put("apiVersion", "batch/v1beta1");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(wrongVersion))
                .getMessage().contains("apiVersion must be batch/v1"));
    }

    @Test
    void theInjectorsJobRunsOnePodPerInjectorWithItsCompletionIndexAsTheInjectorFlag() throws IOException {
        Job job = (Job) KubernetesSchema.validate(documents(K8S.resolve("injectors-job.yaml")).get(0));
        int n = job.getSpec().getCompletions();
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(n, job.getSpec().getParallelism(), "parallelism = completions: every injector runs at once");
        assertEquals(0, job.getSpec().getBackoffLimit(), "an injector retried after the drop would refuse");
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
        Container injector = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(injector.getArgs().contains("-Dinjectors=" + n), injector.getArgs().toString());
        assertTrue(injector.getArgs().contains("-Dinjector=$(JOB_COMPLETION_INDEX)"), injector.getArgs().toString());
        EnvVar index = injector.getEnv().stream().filter(v -> v.getName().equals("JOB_COMPLETION_INDEX")).findFirst().orElseThrow();
        assertEquals(INDEX_ANNOTATION, index.getValueFrom().getFieldRef().getFieldPath());
        assertTrue(injector.getArgs().stream().anyMatch(a -> a.startsWith("-Dtarget=http")));
        assertEquals("/results", injector.getVolumeMounts().get(0).getMountPath());
        assertTrue(env(injector, "REPORTS_DIR").startsWith("/results/"));
        List<Container> all = new ArrayList<>(job.getSpec().getTemplate().getSpec().getContainers());
        all.addAll(job.getSpec().getTemplate().getSpec().getInitContainers());
        for (Container c : all) {
            assertFalse(c.getResources().getRequests().isEmpty(), c.getName() + " has resource requests");
        }
    }

    @Test
    void composeAndKubernetesRunTheSameImagesWithTheSameFlags() throws IOException {
        Job job = (Job) KubernetesSchema.validate(documents(K8S.resolve("injectors-job.yaml")).get(0));
        Container k8s = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Object> services = composeServices();
        List<String> injectors = services.keySet().stream().filter(s -> s.startsWith("injector-")).sorted().toList();
        assertEquals(job.getSpec().getCompletions(), injectors.size(), "as many compose injectors as Job completions");
        for (int i = 0; i < injectors.size(); i++) {
            Map<?, ?> s = (Map<?, ?>) services.get(injectors.get(i));
            assertEquals(k8s.getImage(), s.get("image"), injectors.get(i));
            List<String> flags = strings(s.get("command"));
            assertTrue(flags.contains("-Dinjector=" + i), injectors.get(i) + " " + flags);
            assertEquals(withoutPerDeploymentFlags(k8s.getArgs()), withoutPerDeploymentFlags(flags), injectors.get(i));
            Map<?, ?> environment = (Map<?, ?>) s.get("environment");
            for (String name : List.of("SIMULATION", "REPORTS_DIR", "JAVA_OPTS")) {
                assertEquals(env(k8s, name), String.valueOf(environment.get(name)), injectors.get(i) + " " + name);
            }
        }
        Map<?, ?> merge = (Map<?, ?>) services.get("merge");
        Container k8sMerge = ((Job) KubernetesSchema.validate(documents(K8S.resolve("merge/merge-job.yaml")).get(0)))
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(k8sMerge.getImage(), merge.get("image"));
        assertEquals(k8sMerge.getCommand(), strings(merge.get("entrypoint")));
        assertEquals(k8sMerge.getArgs(), strings(merge.get("command")));
        Map<?, ?> stub = (Map<?, ?>) services.get("service");
        JsonNode deployment = documents(K8S.resolve("stub.yaml")).get(0);
        assertEquals(deployment.at("/spec/template/spec/containers/0/image").asText(), stub.get("image"));
    }

    /** The target's host and the injector's index differ by deployment; every other flag must not. */
    private static List<String> withoutPerDeploymentFlags(List<String> flags) {
        return flags.stream().filter(f -> !f.startsWith("-Dtarget=") && !f.startsWith("-Dinjector=")).sorted().toList();
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeServices() throws IOException {
        // SnakeYAML resolves the compose file's anchors (&injector-environment) as docker-compose does.
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
