package io.dropnight.simulations;

import io.dropnight.simulations.service.JvmCommand;
import io.dropnight.simulations.service.ServiceClasspath;
import io.dropnight.testing.ChildJvm;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A release night run by Gatling in a child JVM ({@code io.gatling.app.Gatling}, which exits with
 * the run's status), as the Maven plugin runs it, so that it can be bounded by a timeout. The
 * child and the service it starts run at Surefire's leak detection level (paranoid); a leak report
 * on either console fails {@link #await}.
 */
final class GatlingProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Path reports;

    private GatlingProcess(Process process, Path log, Path reports) {
        this.process = process;
        this.log = log;
        this.reports = reports;
    }

    /** Starts {@link ReleaseNightSimulation} with {@code properties} ({@code -Dname=value} strings). */
    static GatlingProcess start(Path dir, List<String> properties) throws IOException {
        return start(dir, List.of(), properties);
    }

    /**
     * As {@link #start(Path, List)}, with {@code launcher} in front of the java command, such as
     * {@code prlimit --nofile=700:700} to run the injector (and the service it starts) with few files.
     */
    static GatlingProcess start(Path dir, List<String> launcher, List<String> properties) throws IOException {
        return start(dir, launcher, properties, java.util.Map.of());
    }

    /** As {@link #start(Path, List, List)}, with {@code environment} added to the child's (a profile's secrets). */
    static GatlingProcess start(Path dir, List<String> launcher, List<String> properties, java.util.Map<String, String> environment)
            throws IOException {
        return start(dir, ReleaseNightSimulation.class, launcher, properties, environment);
    }

    /** As {@link #start(Path, List, List, java.util.Map)}, running {@code simulation} instead of the release night. */
    static GatlingProcess start(Path dir, Class<?> simulation, List<String> launcher, List<String> properties,
                                java.util.Map<String, String> environment) throws IOException {
        Path reports = dir.resolve("reports");
        Path results = dir.resolve("gatling");
        // At Surefire's leak level, which the Gatling JVM passes on to the service it starts
        // (EmbeddedService); await() then reads both consoles for leak reports.
        List<String> command = new ArrayList<>(launcher);
        List<String> java = ChildJvm.command("-Xmx512m", JvmCommand.GATLING_OPENS).jvmArgs(properties.toArray(String[]::new))
                .property("reportsDir", reports.toString()).property("gatlingResults", results.toString())
                .property("dropnight.launcher", "dropnight") // as the Maven plugin's configuration in pom.xml
                .gatling(testClasspath(), simulation.getName(), results, "dropnight-test");
        command.addAll(java);
        Path log = dir.resolve("gatling.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        return new GatlingProcess(p, log, reports);
    }

    /** Waits for the run to end and returns its exit status; fails (and kills it) past the bound. */
    int await(long boundSeconds) throws Exception {
        boolean exited = process.waitFor(boundSeconds, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(exited, "Gatling did not finish within " + boundSeconds + " s:\n" + log());
        ChildJvm.assertNoLeakReport("the Gatling JVM", log());
        // Gatling logs a crashed session function or condition and walks the viewer on: in a night
        // that is the harness's defect, unseen in its figures (a condition once crashed on a string
        // drop instant), so it fails the test.
        String text = log();
        assertFalse(text.contains("crashed with message"), () -> "a session function crashed in Gatling:\n" + text);
        assertServiceRanAtTheLeakLevel();
        ChildJvm.assertNoLeakReportIn(reports, "server.log");
        return process.exitValue();
    }

    /**
     * Stops a run still going (a failed test): SIGTERM first, so the Gatling JVM's shutdown hook
     * stops its embedded service; SIGKILL if it lingers.
     */
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

    /** server.log starts with the service's command line (EmbeddedService): it must carry the level. */
    private void assertServiceRanAtTheLeakLevel() throws IOException {
        if (!Files.isDirectory(reports)) {
            return;
        }
        String flag = "-D" + ChildJvm.LEAK_LEVEL_PROPERTY + "=" + ChildJvm.leakLevel();
        try (Stream<Path> logs = Files.walk(reports)) {
            for (Path serverLog : logs.filter(p -> p.getFileName().toString().equals("server.log")).toList()) {
                String command = Files.readString(serverLog).lines().findFirst().orElse("");
                assertTrue(command.contains(flag), () -> "the service was not started with " + flag + ": " + command);
            }
        }
    }

    /** Whether the Gatling JVM has not exited yet (its night, its report or its last wait for a scrape). */
    boolean running() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    Path reports() {
        return reports;
    }

    /** The one run folder the night created. */
    Path onlyRunFolder() throws IOException {
        try (Stream<Path> runs = Files.list(reports)) {
            List<Path> all = runs.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static String testClasspath() throws IOException {
        // The full test classpath (Gatling, simulations, gatling.conf), expanded from a manifest jar if any.
        String raw = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        for (String e : raw.split(File.pathSeparator)) {
            List<String> expanded = ServiceClasspath.manifestClassPath(e);
            out.addAll(expanded.isEmpty() ? List.of(e) : expanded);
        }
        return String.join(File.pathSeparator, out);
    }
}
