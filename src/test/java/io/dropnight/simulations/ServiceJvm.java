package io.dropnight.simulations;

import io.dropnight.core.ServeFlags;
import io.dropnight.runfolder.ReadyLine;
import io.dropnight.simulations.service.ServiceClasspath;
import io.dropnight.testing.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Dropnight service in a child JVM of the test's own, on a port the test chose, so that a test
 * can SIGKILL it mid-night and start it again on the same port and database (an external target
 * to the night, unlike the embedded service the night starts itself). Its console is appended to
 * {@code log}. Not thread-safe: the test owns it.
 */
final class ServiceJvm implements AutoCloseable {
    private static final long READY_SECONDS = 90;

    private final Process process;
    private final URI url;

    private ServiceJvm(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** A loopback port free now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code serve --port port --run-dir runDir flags...} and waits (bounded) for its ready line.
     *
     * @throws IOException when it exits or is not ready in time
     */
    static ServiceJvm start(int port, Path runDir, Path log, List<String> flags) throws Exception {
        List<String> serve = new ArrayList<>(List.of(ServeFlags.SERVE, ServeFlags.PORT, Integer.toString(port),
                ServeFlags.RUN_DIR, runDir.toString()));
        serve.addAll(flags);
        List<String> command = ChildJvm.command("-Xms128m", "-Xmx384m", "-XX:+UseParallelGC")
                .main(ServiceClasspath.fromThisJvm(), "io.dropnight.cli.Main", serve);
        Files.createDirectories(runDir);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(p, log, ready), "service-jvm-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServiceJvm(p, ready.get(READY_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("the service did not start on port " + port + "; see " + log, e);
        }
    }

    private static void pump(Process p, Path log, CompletableFuture<URI> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintStream file = new PrintStream(Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                     true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.println(line);
                if (!ready.isDone()) {
                    ReadyLine.parse(line).ifPresent(ready::complete);
                }
            }
            ready.completeExceptionally(new IOException("the service exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    URI url() {
        return url;
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown hook, no drain, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
