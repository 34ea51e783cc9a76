package io.dropnight.cli;

import io.dropnight.report.ReportGenerator;
import io.dropnight.runfolder.RunFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dropnight report RUN_DIR...}: rebuilds one run's report, or with several run folders writes a
 * comparison page; either way refreshes reports/index.html. Exit codes: 0 written, 2 a missing or
 * corrupt run folder (one line on stderr, nothing written), 1 an I/O failure while writing.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild a run's self-contained HTML report from its files, or compare several runs.",
            "Also refreshes the list of runs (index.html) in the reports folder."})
public final class ReportCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;
    static final int WRITE_FAILED = 1;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders, for example reports/<runId>.")
    private List<Path> runDirs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Comparison page to write (several run folders only). "
                    + "Default: compare-<UTC timestamp>.html next to the first run folder.")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ReportGenerator generator = new ReportGenerator(Clock.systemUTC());
        try {
            if (runDirs.size() == 1 && out != null) {
                err.println("report: --out applies to a comparison of several run folders; one run's report is"
                        + " always <RUN_DIR>/index.html");
                return BAD_INPUT;
            }
            Path page = runDirs.size() == 1 ? generator.runReport(runDirs.get(0)) : generator.comparison(runDirs, out);
            stdout.println("report written: " + page.toAbsolutePath().normalize());
            return 0;
        } catch (RunFileException e) {
            err.println("report: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("report: could not write the report: " + e.getMessage());
            return WRITE_FAILED;
        }
    }
}
