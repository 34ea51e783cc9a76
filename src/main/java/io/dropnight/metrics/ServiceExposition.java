package io.dropnight.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The service's metrics in Prometheus' exposition formats, for {@code GET /metrics/prometheus}: a
 * registry built once over the request and backend collectors (every name begins with
 * {@value #PREFIX}), and the client library's own writers and content negotiation. The format
 * follows the {@code Accept} header as the library's scrape handler chooses it: OpenMetrics 1.0
 * text when asked for, Prometheus' protobuf when asked for, else Prometheus text 0.0.4.
 *
 * <p>Collecting reads state recorded anyway (no recording is added to the request path) and is CPU
 * work only: no lock is held that recording waits on, no I/O unless {@code out} does it.
 * Thread-safe.
 */
public final class ServiceExposition {
    /** The beginning of every metric name the service exposes. */
    public static final String PREFIX = "dropnight_service_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Scrapes scrapes = new Scrapes();
    // Built from explicit defaults rather than PrometheusProperties.get(), which would read system
    // properties and a properties file: configuration is read in one place (the CLI).
    private final ExpositionFormats formats = ExpositionFormats.init(PrometheusProperties.builder().build());

    /** A negotiated format: the writer and the metric-name escaping the request asked for. */
    public static final class Format {
        private final ExpositionFormatWriter writer;
        private final EscapingScheme escaping;

        private Format(ExpositionFormatWriter writer, EscapingScheme escaping) {
            this.writer = writer;
            this.escaping = escaping;
        }

        /** The Content-Type header of a body in this format. */
        public String contentType() {
            return writer.getContentType();
        }
    }

    /**
     * @param metrics the service's request metrics
     * @param backend reads the virtual backend's live state, cheaply, from any thread
     */
    public ServiceExposition(ServerMetrics metrics, Supplier<BackendState> backend) {
        registry.register(new RequestCollector(Objects.requireNonNull(metrics, "metrics")));
        registry.register(new BackendCollector(Objects.requireNonNull(backend, "backend")));
    }

    /** The format for a request's {@code Accept} header (null when it has none). */
    public Format negotiate(String acceptHeader) {
        return new Format(formats.findWriter(acceptHeader),
                EscapingScheme.fromAcceptHeader(acceptHeader, EscapingScheme.DEFAULT));
    }

    /** Collects every metric now and writes them to {@code out} in {@code format}; does not close {@code out}. */
    public void write(Format format, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        long number = scrapes.begin();
        try {
            format.writer.write(out, registry.scrape(), format.escaping);
        } finally {
            scrapes.answered(number);
        }
    }

    /** The scrapes written so far: the service waits, bounded, for one more as it stops. */
    public Scrapes scrapes() {
        return scrapes;
    }
}
