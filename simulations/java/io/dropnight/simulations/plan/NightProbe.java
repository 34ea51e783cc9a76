package io.dropnight.simulations.plan;

import io.dropnight.simulations.service.JvmCommand;
import java.util.Objects;
import io.dropnight.simulations.params.LiveOptions;
import io.dropnight.simulations.params.NightInvocation;
import io.dropnight.runfolder.RunFiles;

import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloReport;

import io.dropnight.simulations.ReleaseNightSimulation;
import io.dropnight.simulations.params.NightParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A probe that is a real night: Gatling ({@code io.gatling.app.Gatling}, {@link ReleaseNightSimulation})
 * in a child JVM with the night's own flags plus the value tried, its run folder in a folder of its
 * own, read back from its slo.json. A fresh JVM per probe, as {@code mvn gatling:test} forks one:
 * each night gets its own embedded service, seed and Gatling state. Not thread-safe.
 *
 * <p>Capacity probes set {@code -Dslots} to the value and {@code -DqueueLimit} to the same
 * multiple of it as the night's own queue is of its slots (256 per 64 by default). Audience
 * probes multiply {@code -Dscale} by the value; against the embedded service they divide the
 * full-size slots and queue by it, so that the service's scaled capacity stays what it is.
 */
public final class NightProbe implements PlanSearch.Probe {
    private final Path dir;
    private final NightInvocation night;
    private final PlanParameters.Mode mode;
    private final double scale;
    private final int slots;
    private final int queueLimit;
    private final boolean embedded;
    private final Duration bound;
    private final String classpath;
    private final LongSupplier nanoClock;
    private int count;

    /**
     * @param dir             where each probe's folder goes
     * @param night           what the night is told, told to every probe but for the value tried
     * @param scale           the rehearsal scale ({@code -Dscale})
     * @param slots           the night's full-size slots (its capacity for a breakpoint, the queue ratio's base)
     * @param queueLimit      the night's full-size queue bound
     * @param embedded        whether the night runs the embedded service (no {@code -Dtarget})
     * @param bound           the longest one probe may take; past it the probe is stopped
     * @param classpath       the test classpath (Gatling, the simulations, the service)
     */
    public NightProbe(Path dir, NightInvocation night, PlanParameters.Mode mode, double scale, int slots,
                      int queueLimit, boolean embedded, Duration bound, String classpath, LongSupplier nanoClock) {
        this.dir = dir;
        this.night = Objects.requireNonNull(night, "night");
        this.mode = mode;
        this.scale = scale;
        this.slots = slots;
        this.queueLimit = queueLimit;
        this.embedded = embedded;
        this.bound = bound;
        this.classpath = classpath;
        this.nanoClock = nanoClock;
    }

    /**
     * The flags a plan's probes (and plan-check's re-runs) run with: {@code props} as given, with
     * {@code -Dslo.abortOnFail=true} unless it is given. A probe whose SLO can no longer pass
     * ({@link io.dropnight.simulations.slo.SloLoss}: never one that could still recover) stops
     * there; its verdict is the whole night's, and the estimate reads the lost SLO as failed, at
     * least at its bound ({@link SloFigure}). {@code -Dslo.abortOnFail=false} runs every probe whole.
     *
     * @return a copy; {@code props} is not changed
     */
    static Properties withProbeDefaults(Properties props) {
        Properties out = new Properties();
        out.putAll(props);
        if (props.getProperty(LiveOptions.ABORT_ON_FAIL) == null || props.getProperty(LiveOptions.ABORT_ON_FAIL).isBlank()) {
            out.setProperty(LiveOptions.ABORT_ON_FAIL, "true");
        }
        return out;
    }

    /** The {@code -D} flags of a probe at {@code value}. */
    Map<String, String> propertiesFor(double value) {
        return invocationFor(value).toProperties();
    }

    /** The night, at {@code value}: only the capacity or the audience changes, and the SLOs are not enforced. */
    private NightInvocation invocationFor(double value) {
        NightInvocation probe = night.withEnforcedSlos(false); // a failed SLO is a verdict here, not a failed build
        if (mode == PlanParameters.Mode.CAPACITY) {
            int s = (int) Math.round(value);
            return probe.withCapacity(s, (int) Math.round((double) s * queueLimit / slots)).withScale(scale);
        }
        probe = probe.withScale(scale * value);
        return embedded ? probe.withCapacity((int) Math.max(1, Math.round(slots / value)), (int) Math.round(queueLimit / value))
                : probe;
    }

    @Override
    public ProbeResult run(double value) {
        count++;
        String name = String.format(Locale.ROOT, "%02d-%s-%s", count, mode == PlanParameters.Mode.CAPACITY ? "slots" : "audience",
                PlanFormat.number(value));
        Path probeDir = dir.resolve(name);
        long start = nanoClock.getAsLong();
        try {
            Files.createDirectories(probeDir);
            Path log = probeDir.resolve("gatling.log");
            Process process = new ProcessBuilder(command(value, probeDir, name)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean exited = waitFor(process);
            Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
            Optional<Path> run = runFolder(probeDir);
            if (!exited) {
                throw new PlanSearch.ProbeException(String.format(Locale.ROOT, "probe %s did not finish within %s and was stopped; log: %s",
                        name, PlanFormat.duration(bound), log), null);
            }
            if (run.isEmpty() || !Files.isRegularFile(run.get().resolve(RunFiles.SLO_RESULTS))) {
                throw new PlanSearch.ProbeException(String.format(Locale.ROOT, "probe %s exited with status %d without slo.json: %s",
                        name, process.exitValue(), lastLine(log)), null);
            }
            SloReport reading = SloFiles.read(run.get().resolve(RunFiles.SLO_RESULTS));
            return new ProbeResult(value, reading.verdict(), reading.reasons(), reading.slos(), run, elapsed);
        } catch (IOException e) {
            throw new PlanSearch.ProbeException("probe " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanSearch.ProbeException("probe " + name + ": interrupted", e);
        }
    }

    /** The probe's JVM command line: only {@link #propertiesFor} and the run's own folders as {@code -D} flags. */
    List<String> command(double value, Path probeDir, String name) {
        Path results = probeDir.resolve("gatling-results");
        return JvmCommand.java().jvmArgs("-Xmx1g", JvmCommand.GATLING_OPENS) // as the Gatling Maven plugin forks it
                .property(NightParameters.LAUNCHER, NightParameters.OWN_LAUNCHER)
                .properties(invocationFor(value).withFolders(probeDir, results).toProperties())
                .gatling(classpath, ReleaseNightSimulation.class.getName(), results, "dropnight plan probe " + name);
    }

    /** Waits up to the bound; a probe past it is stopped (SIGTERM, so its embedded service stops too). */
    private boolean waitFor(Process process) throws InterruptedException {
        try {
            if (process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            process.destroy(); // the plan was stopped: so is its night, and the night's service
            throw e;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return false;
    }

    /** The run folder the night created in {@code probeDir} (the one holding run.json). */
    static Optional<Path> runFolder(Path probeDir) throws IOException {
        try (Stream<Path> entries = Files.list(probeDir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(RunFiles.RUN_INFO))).findFirst();
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).trim();
            }
        }
        return "(empty log " + log + ")";
    }
}
