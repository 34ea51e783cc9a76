package io.dropnight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dropnight learn SUBJECT}: what a rehearsal can learn from the last premiere. {@code night}
 * makes a night file from an access log; {@code journey} drafts a journey file from a browser's recording (HAR).
 */
@Command(name = "learn", mixinStandardHelpOptions = true, subcommands = {LearnNightCommand.class, LearnJourneyCommand.class},
        description = {"Learn a rehearsal from the last premiere: a night file from an access log (learn night),",
            "a journey file's draft from a browser's recording of one viewer (learn journey)."})
public final class LearnCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "learn needs a subject: night or journey");
    }
}
