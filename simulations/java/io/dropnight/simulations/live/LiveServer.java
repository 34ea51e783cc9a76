package io.dropnight.simulations.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.dropnight.metrics.Scrapes;
import io.dropnight.simulations.params.LiveOptions;
import io.dropnight.simulations.params.ParameterException;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An injector's live figures served over HTTP while its night runs: {@code /metrics} in Prometheus'
 * exposition formats (text, or OpenMetrics when the scraper asks for it; client_java's handler),
 * and whatever pages the night adds ({@link #serve}). Bound to {@link LiveOptions#metricsHost()},
 * loopback unless told. A scrape is answered whole from one collection: a scrape that arrives while
 * the night ends sees it before or after, never half a file.
 *
 * <p>One thread answers (scrapes are rare and cheap); {@link #close(Duration)} waits, within its
 * bound, for a look after the night's end (a scrape, or a page's answer), so that a scraper or the
 * live page polling every second takes the final figures, then stops. Thread-safe.
 */
public final class LiveServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    /** Looks (scrapes, the pages' answers), counted to wait for a last one. */
    private final Scrapes looks = new Scrapes();

    private LiveServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts.
     *
     * @throws ParameterException naming {@code metrics.port} and the port when it cannot be bound (in use, or not allowed),
     *                            or {@code metrics.host} when the address is not this machine's
     */
    public static LiveServer start(LiveOptions options, PrometheusRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        int port = options.metricsPort().orElseThrow(() -> new IllegalArgumentException("the live metrics are off"));
        InetAddress address;
        try {
            address = InetAddress.getByName(options.metricsHost());
        } catch (UnknownHostException e) {
            throw new ParameterException(LiveOptions.METRICS_HOST, options.metricsHost(), "must be an address of this machine");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            throw new ParameterException(LiveOptions.METRICS_PORT, port, "cannot be bound on " + options.metricsHost()
                    + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); choose a free port, or 0");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dropnight-live-metrics");
            t.setDaemon(true);
            return t;
        });
        LiveServer live = new LiveServer(server, executor);
        MetricsHandler metrics = new MetricsHandler(registry);
        server.createContext("/metrics", live.counted(metrics::handle));
        server.setExecutor(executor);
        server.start();
        return live;
    }

    /**
     * Serves {@code handler} at {@code path} (a page of the night, such as its live page). Its answers
     * count as looks, as scrapes do: {@link #close(Duration)} waits for one after the night, so that
     * a page polling every second learns that the night has ended.
     */
    public LiveServer serve(String path, HttpHandler handler) {
        server.createContext(path, counted(handler));
        return this;
    }

    private HttpHandler counted(HttpHandler handler) {
        return exchange -> {
            long number = looks.begin();
            try {
                handler.handle(exchange);
            } finally {
                looks.answered(number);
            }
        };
    }

    /** Serves fixed pages (path → handler) at once. */
    public LiveServer serve(Map<String, HttpHandler> handlers) {
        handlers.forEach(this::serve);
        return this;
    }

    /** The port bound (the free one chosen when asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Where Prometheus scrapes. */
    public URI metricsUrl() {
        return URI.create("http://" + hostForUrl() + ":" + port() + "/metrics");
    }

    /** The live page. */
    public URI pageUrl() {
        return URI.create("http://" + hostForUrl() + ":" + port() + "/");
    }

    private String hostForUrl() {
        InetAddress a = server.getAddress().getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Looks begun so far: scrapes, and the pages' answers. */
    public long scrapes() {
        return looks.count();
    }

    /**
     * Stops serving; when anything looked during the night (a scrape, the live page), first waits up to
     * {@code finalScrape} for a look begun after this call to be answered: it holds the night's final
     * figures (call this once they are final).
     */
    public void close(Duration finalScrape) {
        looks.awaitOneMore(finalScrape);
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fixed answer, for a page that has none yet. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }
}
