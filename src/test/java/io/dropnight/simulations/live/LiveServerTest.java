package io.dropnight.simulations.live;

import io.dropnight.simulations.params.LiveOptions;
import io.dropnight.simulations.params.ParameterException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveServerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PrometheusRegistry registry() {
        PrometheusRegistry r = new PrometheusRegistry();
        r.register(new InjectorCollector(new FakeNightView()));
        return r;
    }

    private HttpResponse<String> get(URI uri, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPortInUseRefusesTheNightNamingTheFlagAndThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ParameterException e = assertThrows(ParameterException.class,
                    () -> LiveServer.start(new LiveOptions(OptionalInt.of(port), "127.0.0.1", false), registry()));
            assertEquals("metrics.port", e.property());
            assertTrue(e.getMessage().startsWith("metrics.port = " + port + ": cannot be bound on 127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void anAddressNotOfThisMachineIsRefusedNamingIt() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> LiveServer.start(new LiveOptions(OptionalInt.of(0), "no-such-host.invalid", false), registry()));
        assertEquals("metrics.host", e.property());
    }

    @Test
    void servesTextOrOpenMetricsOnAFreePortOfLoopback() throws Exception {
        try (LiveServer live = LiveServer.start(new LiveOptions(OptionalInt.of(0), "127.0.0.1", false), registry())) {
            assertTrue(live.port() > 0);
            assertEquals("http://127.0.0.1:" + live.port() + "/metrics", live.metricsUrl().toString());
            HttpResponse<String> text = get(live.metricsUrl(), null);
            assertEquals(200, text.statusCode());
            assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertTrue(text.body().contains("dropnight_requests_total{"));
            HttpResponse<String> om = get(live.metricsUrl(), "application/openmetrics-text; version=1.0.0");
            assertTrue(om.body().endsWith("# EOF\n"));
        }
    }

    @Test
    void afterTheNightWaitsForOneMoreScrapeWhenSomeoneWasScraping() throws Exception {
        LiveServer live = LiveServer.start(new LiveOptions(OptionalInt.of(0), "127.0.0.1", false), registry());
        get(live.metricsUrl(), null);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> live.close(Duration.ofSeconds(30)));
        // the close waits for a scrape begun after it: this one may race it, so scrape until it has closed
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                get(live.metricsUrl(), null);
            } catch (IOException stopped) {
                // closed meanwhile
            }
            return closed.isDone();
        });
        closed.get(1, TimeUnit.SECONDS);
        assertTrue(live.scrapes() >= 2);
    }

    @Test
    void closesAtOnceWhenNobodyScraped() throws Exception {
        LiveServer live = LiveServer.start(new LiveOptions(OptionalInt.of(0), "127.0.0.1", false), registry());
        long start = System.nanoTime();
        live.close(Duration.ofSeconds(30));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "should not wait for a scraper that never came");
    }
}
