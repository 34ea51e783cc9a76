package io.dropnight.metrics;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Counts and latency of one (scenario, endpoint) since the last reset. A rejection is also an error
 * page (the viewer saw it), so {@code errorPages >= rejected}. The latency keys come from
 * {@link Percentiles#REPORTED} ({@code p50Micros}, ..., {@code maxMicros}), in microseconds.
 * Immutable.
 */
@JsonPropertyOrder({"count", "ok", "clientErrors", "errorPages", "rejected", "errorPageRate"})
public final class EndpointSnapshot {
    private final long count;
    private final long ok;
    private final long clientErrors;
    private final long errorPages;
    private final long rejected;
    private final Map<String, Long> latencyMicros;

    public EndpointSnapshot(long ok, long clientErrors, long errorPagesOtherThanRejections, long rejected,
                            Map<String, Long> latencyMicros) {
        this.ok = ok;
        this.clientErrors = clientErrors;
        this.errorPages = errorPagesOtherThanRejections + rejected;
        this.rejected = rejected;
        this.count = ok + clientErrors + errorPagesOtherThanRejections + rejected;
        this.latencyMicros = Collections.unmodifiableMap(latencyMicros);
    }

    static EndpointSnapshot of(EndpointStats stats) {
        Histogram micros = stats.sinceResetMicros();
        return new EndpointSnapshot(stats.count(RequestOutcome.OK), stats.count(RequestOutcome.CLIENT_ERROR),
                stats.count(RequestOutcome.ERROR_PAGE), stats.count(RequestOutcome.REJECTED), Percentiles.summarise(micros));
    }

    public long getCount() {
        return count;
    }

    public long getOk() {
        return ok;
    }

    public long getClientErrors() {
        return clientErrors;
    }

    public long getErrorPages() {
        return errorPages;
    }

    public long getRejected() {
        return rejected;
    }

    /** Error pages (rejections included) per request, 0 when there was no request. */
    public double getErrorPageRate() {
        return count == 0 ? 0.0 : (double) errorPages / count;
    }

    /** {@code p50Micros}, {@code p90Micros}, ..., {@code maxMicros}: microseconds. */
    @JsonAnyGetter
    public Map<String, Long> getLatencyMicros() {
        return latencyMicros;
    }
}
