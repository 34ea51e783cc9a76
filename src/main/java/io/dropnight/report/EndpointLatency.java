package io.dropnight.report;

import org.HdrHistogram.Histogram;

/**
 * Latency of one endpoint in one night, merged over the whole run; microseconds. An absent side is
 * an empty histogram, never null.
 *
 * @param endpoint   the endpoint's metric name, for example {@code playback-start}
 * @param serverAll  every response the server sent, error pages included
 * @param serverOk   the responses that ended ok
 * @param client     as the load generator measured it (client.hlog), when it measured this endpoint
 * @param errorPages responses that were the branded error page, rejections included
 * @param rejected   responses shed by the overload policy
 */
public record EndpointLatency(String endpoint, Histogram serverAll, Histogram serverOk, Histogram client,
                              long errorPages, long rejected) {
}
