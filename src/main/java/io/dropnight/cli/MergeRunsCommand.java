package io.dropnight.cli;

import io.dropnight.report.Injectors;
import io.dropnight.runfolder.RunFileException;
import io.dropnight.report.RunMerger;
import io.dropnight.runfolder.SloFiles;
import io.dropnight.runfolder.SloResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dropnight merge-runs --out reports/<name> RUN_DIR...}: one run folder and report from the
 * run folders of several injectors of one night. Exit codes: 0 merged, 2 the runs are not one
 * night or an input is missing or corrupt (one line naming it; nothing written), 1 a write failure.
 */
@Command(name = "merge-runs", mixinStandardHelpOptions = true,
        description = {"Merge the run folders of several injectors of one night into one run folder and report:",
            "histograms added per tag and second (exact), counts summed, SLOs evaluated on the merged histograms."})
public final class MergeRunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged run folder to create, e.g. reports/big-night.")
    Path out;

    @Option(names = "--server-log", paramLabel = "HLOG",
            description = "A service instance's server.hlog to merge into the run's server.hlog (repeatable).")
    List<Path> serverLogs = List.of();

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "The injectors' run folders.")
    List<Path> runDirs;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RunMerger.Result r = RunMerger.merge(runDirs, out, serverLogs);
            Injectors i = r.injectors();
            stdout.println(String.format(Locale.ROOT, "merged %d runs of one night (%d client values) -> %s",
                    i.runs().size(), r.clientValues(), r.out().toAbsolutePath().normalize()));
            i.skewSpreadMs().ifPresent(s -> stdout.println(String.format(Locale.ROOT,
                    "surges started within %d ms of each other at the drop", s)));
            if (!i.missing().isEmpty()) {
                stdout.println("WARNING injectors missing from this night: " + i.missing()
                        + "; the merged run is not the whole night");
            }
            if (!i.inconclusive().isEmpty()) {
                stdout.println("injectors whose verdict was inconclusive: " + String.join(", ", i.inconclusive()));
            }
            for (SloResult slo : r.slos()) {
                stdout.println("SLO " + SloFiles.describe(slo));
            }
            return 0;
        } catch (RunFileException e) {
            err.println("merge-runs: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("merge-runs: could not write the merged run: " + e.getMessage());
            return 1;
        }
    }
}
