package io.dropnight.cli;

import io.dropnight.core.ConfigException;
import io.dropnight.core.Durations;
import io.dropnight.learn.log.JsonFields;
import io.dropnight.learn.log.LogFileException;
import io.dropnight.learn.log.LogFormat;
import io.dropnight.learn.log.ViewerKey;
import io.dropnight.learn.night.LearnSettings;
import io.dropnight.learn.night.LearnedNight;
import io.dropnight.learn.night.NightFileWriter;
import io.dropnight.learn.night.NightLearner;
import io.dropnight.report.LearnPage;
import io.dropnight.runfolder.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code dropnight learn night --log access.log --drop 2026-11-27T01:00:00Z --out my-premiere.yml}:
 * reads the log once and writes the night learned from it (fitted), the same night as measured
 * ({@code my-premiere-measured.yml}) and a page comparing them with the log ({@code my-premiere.html}).
 * Exit codes: 0 written, 2 bad flags or a log that makes no night (one line), 1 a file not written.
 */
@Command(name = "night", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn a night file from an access log: arrivals of new viewers around the drop, fitted into the",
            "night file's vocabulary and kept second by second; what each viewer called; the error statuses seen."})
public final class LearnNightCommand implements Callable<Integer> {
    /** A viewer key's share of all requests past which the command warns that it may be a proxy. */
    private static final double ONE_KEY_WARNING = 0.05;

    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "The access log, plain or gzip.")
    Path log;

    @Option(names = "--drop", required = true, paramLabel = "INSTANT", description = "The drop, ISO-8601 UTC, such as 2026-11-27T01:00:00Z.")
    String drop;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The night file to write (the fitted night).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "combined", description = "combined (default) or jsonl.")
    String format;

    @Option(names = "--viewer", paramLabel = "KEY", description = {"What tells viewers apart: address (combined's default),",
        "address+agent, user, extra:N (the Nth field after combined's user agent), field:NAME (jsonl; default field:viewer)."})
    String viewer;

    @Option(names = "--field", paramLabel = "NAME=KEY", description = "jsonl: the log's name for time, method, path, status,"
            + " duration, address or agent (repeatable).")
    List<String> fields = List.of();

    @Option(names = "--before", paramLabel = "DURATION", description = "The window opens this long before the drop (default: the log's start, at most 24h).")
    String before;

    @Option(names = "--after", paramLabel = "DURATION", description = "The window closes this long after the drop (default: the log's end, at most 24h).")
    String after;

    @Option(names = "--audience", paramLabel = "N", description = "Write the night for N viewers (default: the log's).")
    Long audience;

    @Option(names = "--error-status", paramLabel = "LIST", defaultValue = "429,500-599",
            description = "Statuses a viewer sees as errors (default: ${DEFAULT-VALUE}).")
    String errorStatuses;

    @Option(names = "--name", paramLabel = "NAME", description = "The night's name (default: from --out).")
    String name;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        LearnedNight night;
        try {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            night = new NightLearner(System::nanoTime, threads::getCurrentThreadCpuTime).learn(settings());
        } catch (LogFileException | ConfigException e) {
            err.println("learn night: " + e.getMessage());
            return Main.USAGE;
        }
        String base = out.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        Path measured = out.resolveSibling(base + "-measured.yml");
        Path page = out.resolveSibling(base + ".html");
        try {
            AtomicFiles.write(out, NightFileWriter.fitted(night, measured.getFileName().toString(), page.getFileName().toString()));
            AtomicFiles.write(measured, NightFileWriter.measured(night, out.getFileName().toString(), page.getFileName().toString()));
            AtomicFiles.write(page, LearnPage.render(night, out.getFileName().toString(), measured.getFileName().toString()));
        } catch (IOException e) {
            err.println("learn night: could not write " + out + ": " + e.getMessage());
            return 1;
        }
        summary(stdout, night, out, measured, page);
        return 0;
    }

    private LearnSettings settings() {
        LogFormat f = LogFormat.of(format).orElseThrow(() -> new LogFileException("--format " + format + ": must be combined or jsonl"));
        Instant at;
        try {
            at = Instant.parse(drop.trim());
        } catch (DateTimeParseException e) {
            throw new LogFileException("--drop " + drop + ": must be an ISO-8601 instant in UTC, such as 2026-11-27T01:00:00Z");
        }
        ViewerKey key = viewer == null ? ViewerKey.defaultFor(f) : ViewerKey.parse(viewer, f);
        return new LearnSettings(log, f, key, JsonFields.parse(fields), at, duration("--before", before), duration("--after", after),
                audience == null ? OptionalLong.empty() : OptionalLong.of(audience), errorStatuses,
                name == null ? LearnSettings.nameFrom(out) : name);
    }

    private static Optional<Duration> duration(String flag, String text) {
        return text == null ? Optional.empty() : Optional.of(Durations.parse(flag, text));
    }

    private static void summary(PrintWriter out, LearnedNight n, Path fitted, Path measured, Path page) {
        LearnedNight.Source s = n.source();
        out.println(String.format(Locale.ROOT, "learn night: %,d lines read in %.1f s, %.1f s of CPU (%,.0f lines/s, %,.0f per CPU-second),"
                        + " %,d skipped, %,d without a viewer key; %,d viewers arrived from %+d s to %+d s of the drop", s.lines(),
                s.elapsedNanos() / 1e9, s.cpuNanos() / 1e9, s.linesPerSecond(), s.linesPerCpuSecond(), s.unparsable(), s.noViewer(),
                n.audience().logViewers(), n.windowFrom(), n.windowTo()));
        LearnedNight.Fit f = n.fit();
        out.println(String.format(Locale.ROOT, "learn night: fit error %.1f %% of the busiest 10-s window (%,d viewers from %+d s):"
                + " the largest difference is %,d viewers, from %+d s", 100 * f.error(), f.peakWindow(), f.peakWindowStart(),
                f.largestDifference(), f.worstWindowStart()));
        if (s.busiestViewerShare() > ONE_KEY_WARNING) {
            out.println(String.format(Locale.ROOT, "learn night: WARNING one viewer key made %.1f %% of the requests: a proxy's or"
                    + " NAT's address? (--viewer %s: %s)", 100 * s.busiestViewerShare(), s.viewerKey(), s.viewerSaid()));
        }
        out.println("learn night: wrote " + fitted + " (fitted), " + measured + " (measured, second by second) and " + page);
    }
}
