package io.dropnight.cli;

import io.dropnight.learn.journey.DraftSettings;
import io.dropnight.learn.journey.HarException;
import io.dropnight.learn.journey.HarReader;
import io.dropnight.learn.journey.JourneyDraft;
import io.dropnight.learn.journey.JourneyDrafter;
import io.dropnight.learn.journey.JourneyFileWriter;
import io.dropnight.profile.ProfileException;
import io.dropnight.profile.ProfileReader;
import io.dropnight.runfolder.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code dropnight learn journey --har session.har --out my-journey.yml}: drafts a journey file from
 * a browser's recording of one viewer's session (HAR 1.2), validates the draft with the journey
 * reader the harness uses, and writes it. Exit codes: 0 written, 2 a recording, flag or output file
 * that makes no draft (one line naming the file, the value and the rule; a draft the reader refuses
 * is a bug, said so in one line). Prints step names and counts only: never a recorded value.
 */
@Command(name = "journey", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draft a journey file from a browser's recording of one viewer (HAR 1.2): steps in order, grouped by host,",
            "static assets folded into parallel groups, values later requests send captured from the answers that returned them."})
public final class LearnJourneyCommand implements Callable<Integer> {
    /** What {@code ${env:NAME}} stands for while the draft is validated: the draft holds placeholders, never values. */
    private static final String VALIDATION_STAND_IN = "validation-stand-in";

    @Spec
    CommandSpec spec;

    @Option(names = "--har", required = true, paramLabel = "FILE", description = "The recording, HAR 1.2 (the browser's developer tools: Save all as HAR).")
    Path har;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The journey file to write.")
    Path out;

    @Option(names = "--assets", paramLabel = "fold|omit", defaultValue = "fold",
            description = "Static assets (images, styles, scripts, fonts): folded into parallel groups (default) or left out.")
    String assets;

    @Option(names = "--exclude", paramLabel = "REGEX", description = "Leave out requests whose URL this finds (third-party analytics, say).")
    String exclude;

    @Option(names = "--play", paramLabel = "REGEX", description = "The play step: the first step whose 'METHOD path' this finds (default: by the rule).")
    String play;

    @Option(names = "--wait", paramLabel = "REGEX", description = "The wait-for-drop step, likewise, before the play step (default: by the rule).")
    String waitFor;

    @Option(names = "--name", paramLabel = "NAME", description = "The journey's name (default: from --out).")
    String name;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        JourneyDraft draft;
        String text;
        try {
            DraftSettings settings = settings();
            refuseUnwritable(out);
            HarReader.Session session = HarReader.read(har);
            draft = JourneyDrafter.draft(session, settings);
            text = JourneyFileWriter.write(draft);
        } catch (HarException e) {
            err.println("learn journey: " + e.getMessage());
            return Main.USAGE;
        } catch (RuntimeException e) {
            // A recording is untrusted input: what it breaks is one line, never a trace, and never its values.
            StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            err.println("learn journey: a bug: " + har + " could not be drafted (" + e.getClass().getSimpleName()
                    + (at == null ? "" : " at " + at.getClassName() + ":" + at.getLineNumber()) + "; please report it with the recording)");
            return Main.USAGE;
        }
        try {
            ProfileReader.parse(out.toString(), text, variable -> VALIDATION_STAND_IN);
        } catch (ProfileException e) {
            err.println("learn journey: a bug: the draft fails the journey file's validation (nothing written; please report it): "
                    + e.getMessage());
            return Main.USAGE;
        }
        try {
            AtomicFiles.write(out, text);
        } catch (IOException e) {
            err.println("learn journey: --out " + out + ": cannot be written (" + e.getClass().getSimpleName() + "): give a writable file");
            return Main.USAGE;
        }
        summary(spec.commandLine().getOut(), draft, out);
        return 0;
    }

    private DraftSettings settings() {
        if (!assets.equals("fold") && !assets.equals("omit")) {
            throw new HarException("--assets " + assets + ": must be fold or omit");
        }
        String journeyName = name != null ? name : out.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        if (journeyName.isBlank()) {
            throw new HarException("--name " + journeyName + ": must not be blank");
        }
        return new DraftSettings(journeyName, assets.equals("fold"), regex("--exclude", exclude), regex("--play", play),
                regex("--wait", waitFor));
    }

    private static Optional<Pattern> regex(String flag, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(text));
        } catch (PatternSyntaxException e) {
            throw new HarException(flag + " " + text + ": is not a regular expression (" + e.getDescription() + ")");
        }
    }

    /** Said before the recording is read: a folder that is missing, a file that is a folder or read-only. */
    private static void refuseUnwritable(Path out) {
        Path folder = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out) || folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)
                || Files.exists(out) && !Files.isWritable(out)) {
            throw new HarException("--out " + out + ": cannot be written (its folder must exist and be writable, and it must not be a folder)");
        }
    }

    private static void summary(PrintWriter out, JourneyDraft d, Path file) {
        out.println("learn journey: " + d.session().exchanges().size() + " requests read from " + d.session().file() + "; "
                + d.requests() + " drafted as " + d.steps().size() + " steps " + d.stepNames() + " on " + d.hosts().size() + " host(s); "
                + d.captureCount() + " captures; " + d.uncorrelated().size() + " values not correlated (listed in the file)");
        out.println("learn journey: wrote " + file + " (journey " + d.name() + "), validated by the journey reader; read it, set its"
                + " secrets, then run it with -Dprofile=" + file);
    }
}
