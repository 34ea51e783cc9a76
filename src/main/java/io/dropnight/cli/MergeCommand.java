package io.dropnight.cli;

import io.dropnight.report.HistogramLogMerger;
import io.dropnight.runfolder.RunFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dropnight merge --out merged.hlog a.hlog b.hlog…}: one exact log from the logs of several
 * injectors or service instances (a run larger than one machine).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge HdrHistogram interval logs (.hlog) exactly, by tag and time bucket.")
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The merged log to write.")
    Path out;

    @Option(names = "--bucket-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Bucket length in milliseconds (default: ${DEFAULT-VALUE}, the logs' interval).")
    long bucketMillis;

    @Parameters(arity = "1..*", paramLabel = "HLOG", description = "Logs to merge.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        try {
            HistogramLogMerger.Summary s = HistogramLogMerger.merge(inputs, out, bucketMillis);
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "merged %d logs: %d intervals in, %d out, %d tags, %d values -> %s",
                    s.files(), s.intervalsIn(), s.intervalsOut(), s.tags(), s.totalCount(), out));
            return 0;
        } catch (RunFileException e) {
            spec.commandLine().getErr().println("merge: " + e.getMessage());
            return Main.USAGE;
        }
    }
}
