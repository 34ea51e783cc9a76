package io.dropnight.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Offline validation of Kubernetes manifests against the API's schemas, as fabric8's
 * kubernetes-model classes encode them (generated from the Kubernetes OpenAPI): every field must
 * exist in the API and have the API's type. The model classes keep unknown fields in an
 * "additional properties" map; here that catch-all is turned off, so an unknown field (a typo such
 * as {@code completionsMode}) fails, as {@code kubectl apply --validate=strict} would. The
 * Prometheus Operator's PodMonitor, a custom resource, is checked against a model of its fields here.
 */
final class KubernetesSchema {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                private static final long serialVersionUID = 1L;

                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE; // no catch-all: an unknown field is an error
                }
            });

    /** The kinds the deployment uses, with their API version and model class. */
    private static final Map<String, Kind> KINDS = Map.of(
            "Job", new Kind("batch/v1", Job.class),
            "Deployment", new Kind("apps/v1", Deployment.class),
            "Service", new Kind("v1", Service.class),
            "PersistentVolumeClaim", new Kind("v1", PersistentVolumeClaim.class),
            "Pod", new Kind("v1", Pod.class),
            "PodMonitor", new Kind("monitoring.coreos.com/v1", PodMonitor.class));

    private record Kind(String apiVersion, Class<?> model) {
    }

    /** A Prometheus Operator duration ({@code 1s}, {@code 1m30s}, {@code 500ms}), as its CRDs' pattern says. */
    private static final Pattern DURATION = Pattern.compile("^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?"
            + "(([0-9]+)s)?(([0-9]+)ms)?)$");

    /**
     * The Prometheus Operator's PodMonitor (monitoring.coreos.com/v1), which fabric8's models do not
     * have: the fields this deployment uses, named and typed as in the Operator's CRD (v0.93), with
     * Kubernetes' own ObjectMeta and LabelSelector. A field of the CRD not modelled here fails as
     * unknown: model it before using it.
     */
    record PodMonitor(String apiVersion, String kind, ObjectMeta metadata, PodMonitorSpec spec) {
    }

    /** {@code spec}: {@code selector} is required; an empty namespaceSelector is the PodMonitor's own namespace. */
    record PodMonitorSpec(LabelSelector selector, NamespaceSelector namespaceSelector, String jobLabel,
                          List<String> podTargetLabels, List<PodMetricsEndpoint> podMetricsEndpoints) {
        PodMonitorSpec {
            if (selector == null) {
                throw new IllegalArgumentException("spec.selector is required");
            }
        }
    }

    /** {@code spec.namespaceSelector}. */
    record NamespaceSelector(Boolean any, List<String> matchNames) {
    }

    /** One of {@code spec.podMetricsEndpoints}. */
    record PodMetricsEndpoint(String port, Integer portNumber, String path, String scheme, String interval, String scrapeTimeout,
                              Boolean honorLabels, Boolean honorTimestamps, Boolean filterRunning) {
        PodMetricsEndpoint {
            for (String d : new String[]{interval, scrapeTimeout}) {
                if (d != null && (d.isEmpty() || !DURATION.matcher(d).matches())) {
                    throw new IllegalArgumentException("'" + d + "' is not a duration such as 1s, 1m30s or 500ms");
                }
            }
            if (portNumber != null && (portNumber < 1 || portNumber > 65_535)) {
                throw new IllegalArgumentException("portNumber " + portNumber + " is not a port from 1 to 65535");
            }
        }
    }

    private KubernetesSchema() {
    }

    /** Every YAML document of a file or of {@code kubectl kustomize}'s output, as trees. */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /**
     * Validates one manifest.
     *
     * @return the typed model object
     * @throws IllegalArgumentException naming the kind, the object and what is wrong
     */
    static Object validate(JsonNode manifest) {
        String kindName = manifest.path("kind").asText("");
        Kind kind = KINDS.get(kindName);
        String name = kindName + "/" + manifest.path("metadata").path("name").asText("(no name)");
        if (kind == null) {
            throw new IllegalArgumentException(name + ": kind " + kindName + " is not one this deployment validates");
        }
        if (!kind.apiVersion().equals(manifest.path("apiVersion").asText())) {
            throw new IllegalArgumentException(name + ": apiVersion must be " + kind.apiVersion() + ", was "
                    + manifest.path("apiVersion").asText("(none)"));
        }
        if (manifest.path("metadata").path("name").asText("").isEmpty()) {
            throw new IllegalArgumentException(name + ": metadata.name is required");
        }
        try {
            return STRICT.treeToValue(manifest, kind.model());
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(name + ": " + e.getOriginalMessage() + " at " + path(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            p.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return p.length() == 0 ? "(root)" : p.substring(p.charAt(0) == '.' ? 1 : 0);
    }
}
