package io.dropnight.reliability;

import io.dropnight.config.ServiceConfig;
import io.dropnight.config.ServiceConfigBuilder;
import io.dropnight.server.DropnightService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * A real service on a free loopback port for a test, built from the defaults plus the test's
 * settings. Close it in {@code @AfterAll} / {@code @AfterEach}. Not thread-safe.
 */
public final class RunningService implements AutoCloseable {
    /** The admin token every test service is started with. */
    public static final String ADMIN_TOKEN = "0123456789abcdef-admin";

    private final DropnightService service;
    private final InetSocketAddress address;

    private RunningService(DropnightService service, InetSocketAddress address) {
        this.service = service;
        this.address = address;
    }

    /**
     * Starts a service with a run folder under {@code runDir}, after applying {@code settings} to a
     * builder that already has port 0 and {@link #ADMIN_TOKEN}.
     */
    public static RunningService start(Path runDir, UnaryOperator<ServiceConfigBuilder> settings) {
        ServiceConfig config = settings.apply(new ServiceConfigBuilder(Clock.systemUTC())
                .port(0).runDir(runDir).adminToken(ADMIN_TOKEN)).build();
        DropnightService service = new DropnightService(config, Clock.systemUTC());
        try {
            return new RunningService(service, service.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    public DropnightService service() {
        return service;
    }

    @Override
    public void close() throws Exception {
        service.stop();
    }
}
