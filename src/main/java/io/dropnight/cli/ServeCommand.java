package io.dropnight.cli;

import io.dropnight.runfolder.ReadyLine;

import io.dropnight.config.ConfigFile;
import io.dropnight.config.ServiceConfigBuilder;
import io.dropnight.config.Setting;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.server.DropnightService;
import io.dropnight.server.ServiceConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dropnight serve}: runs the catalogue and playback service until SIGTERM or SIGINT, then
 * drains, writes the final histograms and exits 0. Flags override the config file, which
 * overrides the defaults. Its flags are built from {@link Setting#all()}, the list the config file
 * is read from too, so the two cannot drift apart.
 */
public final class ServeCommand implements Callable<Integer> {
    static final String NAME = "serve";
    private static final String CONFIG = "--config";

    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CommandSpec spec;

    ServeCommand(Clock clock, PrintWriter out, PrintWriter err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
        spec.usageMessage().sortOptions(false)
                .description("Run the release-night catalogue & playback service (Netty, modelled capacity).");
        spec.addOption(OptionSpec.builder(CONFIG).type(Path.class).paramLabel("FILE")
                .description("YAML config file (see docs/config-example.yml).").build());
        for (Setting s : Setting.all()) {
            spec.addOption(option(s));
        }
        spec.mixinStandardHelpOptions(true);
    }

    /** The command's model, for registering it under {@code dropnight}. */
    CommandSpec spec() {
        return spec;
    }

    private static OptionSpec option(Setting s) {
        OptionSpec.Builder o = OptionSpec.builder(s.flag()).description(s.description());
        if (s.kind() == Setting.Kind.ENTRIES) {
            o.type(List.class).auxiliaryTypes(String.class);
        } else {
            o.type(s.kind().type());
        }
        if (s.label() != null) {
            o.paramLabel(s.label());
        }
        if (s.envDefault() != null) {
            o.defaultValue("${env:" + s.envDefault() + "}");
        }
        return o.build();
    }

    /** Builds the configuration: defaults, then the file, then flags. */
    ServiceConfigBuilder settings() {
        ServiceConfigBuilder b = new ServiceConfigBuilder(clock);
        Path configFile = spec.findOption(CONFIG).getValue();
        if (configFile != null) {
            ConfigFile.applyTo(configFile, b);
        }
        Map<Setting, Object> given = new LinkedHashMap<>();
        for (Setting s : Setting.all()) {
            Object value = spec.findOption(s.flag()).getValue();
            boolean absent = value == null || value instanceof List<?> list && list.isEmpty()
                    // an unset or empty environment variable reads as the empty string
                    || s.envDefault() != null && value.toString().isEmpty();
            if (!absent) {
                given.put(s, value);
            }
        }
        Setting.applyAll(given, b, Setting::flag);
        return b;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServiceConfigBuilder builder = settings();
        boolean generatedToken = builder.adminTokenGenerated();
        ServiceConfig config = builder.build();
        DropnightService service = new DropnightService(config, clock, System::nanoTime);
        CountDownLatch stopRequested = new CountDownLatch(1);
        Signals.onTermination(stopRequested::countDown);
        InetSocketAddress address = service.start();
        if (generatedToken) {
            writeAdminToken(config);
        }
        err.printf("run folder %s; drop at %s; policy %s; reservations %s%n", config.runDir(),
                config.catalogue().dropAt(), config.policy().configName(), config.reservations().db());
        if (config.reservations().unsafeAckBeforeCommit()) {
            err.println("WARNING (test only): --unsafe-ack-before-commit: confirmations are answered before their"
                    + " commit; a kill loses bookings the viewers were told about");
        }
        err.flush();
        out.println(ReadyLine.of(address.getHostString(), address.getPort()));
        out.flush();
        stopRequested.await();
        boolean drained = service.stop();
        err.println(drained ? "stopped: every request in flight was answered; histograms written to " + config.runDir()
                : "stopped: some requests were still in flight after the grace period; histograms written");
        err.flush();
        return 0;
    }

    private void writeAdminToken(ServiceConfig config) throws IOException {
        Path file = config.runDir().resolve(RunFiles.ADMIN_TOKEN);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, config.adminToken() + "\n");
        err.printf("admin token written to %s%n", file);
    }
}
