package io.dropnight.cli;

import io.dropnight.core.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code java -jar dropnight.jar COMMAND}. Exit codes: 0 success, 1 failure at run time, 2 bad
 * flags, config or input (one line on stderr naming the field, value and rule).
 */
@Command(name = "dropnight", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Rehearse a streaming service's release-night traffic spike.")
public final class Main implements Runnable {
    /** Exit code for bad flags, config values or input files. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs a command line and returns its exit code; writes only to {@code out} and {@code err}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Clock clock = Clock.systemUTC();
        CommandLine cli = new CommandLine(new Main());
        // serve's flags come from the settings list, so it is registered from its model.
        cli.addSubcommand(ServeCommand.NAME, new CommandLine(new ServeCommand(clock, out, err).spec()));
        cli.addSubcommand(new ReportCommand());
        cli.addSubcommand(new MergeCommand());
        cli.addSubcommand(new MergeRunsCommand());
        cli.addSubcommand(new BenchHelloCommand());
        cli.addSubcommand(new LearnCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("dropnight: " + ex.getMessage() + " (see --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException) {
                err.println("dropnight: " + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof io.dropnight.reservations.LedgerException) {
                err.println("dropnight: " + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof java.net.BindException) {
                err.println("dropnight: cannot listen: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: serve, report, merge, merge-runs, bench-hello or learn");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dropnight " + (v == null ? "(development build)" : v)};
        }
    }
}
