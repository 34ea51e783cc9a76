package io.dropnight.simulations.service;

import io.dropnight.core.ServeFlags;

import io.dropnight.runfolder.ReadyLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Dropnight service in a child JVM, so that the injector's garbage collection and CPU bursts
 * do not show up in the server's latencies (they share the machine, not the heap or the GC).
 * Started with {@code --port 0}; the URL is read from its single ready line. {@link #close()}
 * sends SIGTERM, which drains and writes the final histograms, and waits for exit.
 *
 * <p>Not thread-safe: one owner starts and stops it.
 */
public final class EmbeddedService implements AutoCloseable {
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final String LEAK_LEVEL_PROPERTY = "io.netty.leakDetection.level";
    /** How Netty's leak reports begin. */
    private static final String LEAK_REPORT = "LEAK:";

    private final Process process;
    private final URI url;
    private final Thread hook;
    private final Path log;
    private final AtomicInteger leaks;
    private final Thread pump;

    private EmbeddedService(Process process, URI url, Path log, AtomicInteger leaks, Thread pump) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.leaks = leaks;
        this.pump = pump;
        // If the injector dies before after(), the service must not outlive it.
        this.hook = new Thread(process::destroy, "dropnight-service-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code io.dropnight.cli.Main serve --port 0 --run-dir runDir args...} and waits for it to listen.
     *
     * @param classpath the service's classpath ({@link ServiceClasspath#fromThisJvm()})
     * @param runDir    where the service writes server.hlog; its console output goes to server.log there
     * @param args      further flags for {@code serve}
     * @throws IOException when it cannot start, exits, or is not ready within a minute
     */
    public static EmbeddedService start(String classpath, Path runDir, List<String> args) throws IOException {
        // The leak level is passed on (JvmCommand): the tests (and the CI night) run this JVM with
        // Netty's leak detection at paranoid and want the service's buffers tracked the same way.
        List<String> serve = new ArrayList<>(List.of(ServeFlags.SERVE, ServeFlags.PORT, "0", ServeFlags.RUN_DIR, runDir.toAbsolutePath().toString()));
        serve.addAll(args);
        List<String> command = JvmCommand.java().jvmArgs("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC")
                .main(classpath, "io.dropnight.cli.Main", serve);
        Files.createDirectories(runDir);
        Path log = runDir.resolve("server.log");
        Files.writeString(log, printable(command) + System.lineSeparator(), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> ready = new CompletableFuture<>();
        AtomicInteger leaks = new AtomicInteger();
        Thread pump = new Thread(() -> pump(out, log, ready, leaks), "dropnight-service-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new EmbeddedService(process, ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS), log, leaks, pump);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("the embedded service did not print its ready line within " + READY_TIMEOUT_SECONDS
                    + " s; see " + log + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the embedded service", e);
        }
    }

    /**
     * Copies the service's console to server.log, completing {@code ready} on the ready line and
     * counting Netty's leak reports.
     */
    /** The command line as server.log records it: the admin token's value is a secret and is not written. */
    static String printable(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        for (int i = 0; i + 1 < shown.size(); i++) {
            if (shown.get(i).equals(ServeFlags.ADMIN_TOKEN)) {
                shown.set(i + 1, "(secret)");
            }
        }
        return String.join(" ", shown);
    }

    private static void pump(BufferedReader out, Path log, CompletableFuture<URI> ready, AtomicInteger leaks) {
        try (PrintStream file = new PrintStream(Files.newOutputStream(log, java.nio.file.StandardOpenOption.APPEND), true,
                StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.println(line);
                if (line.contains(LEAK_REPORT)) {
                    leaks.incrementAndGet();
                }
                if (!ready.isDone()) {
                    ReadyLine.parse(line).ifPresent(ready::complete);
                }
            }
            ready.completeExceptionally(new IOException("the service exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** The base URL, such as {@code http://127.0.0.1:40123}. */
    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, then wait for the drain; forcibly killed after 30 s.
     *
     * @return the exit code (0 after a clean drain)
     */
    public int stop() throws InterruptedException {
        if (System.getProperty(LEAK_LEVEL_PROPERTY) != null && process.isAlive()) {
            provokeLeakReports();
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway and is harmless on a dead process
        }
        if (process.isAlive()) {
            return -1;
        }
        pump.join(TimeUnit.SECONDS.toMillis(5)); // the last lines of its console
        if (leaks.get() > 0) {
            // Begins with Netty's own marker, so that whoever scans this console finds it too.
            System.err.println(LEAK_REPORT + " the embedded service reported " + leaks.get()
                    + " Netty buffer leak(s); see " + log);
        }
        return process.exitValue();
    }

    /**
     * In a leak-checking run (the leak level was passed on): Netty reports a leaked buffer only
     * after a garbage collection and a later tracked allocation, and a short night may never
     * collect. Asks the service's JVM for a collection ({@code jcmd GC.run}), then makes a request.
     */
    private void provokeLeakReports() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 2; i++) {
                Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!gc.waitFor(30, TimeUnit.SECONDS)) {
                    gc.destroyForcibly();
                }
                http.send(HttpRequest.newBuilder(url.resolve("/health")).header("X-Scenario", "harness")
                        .timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            System.err.println("dropnight: could not ask the embedded service to report leaks: " + e.getMessage());
        }
    }

    /** Netty leak reports seen on the service's console so far. */
    public int leakReports() {
        return leaks.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedService[pid=" + process.pid() + ", url=" + Objects.toString(url) + "]";
    }
}
