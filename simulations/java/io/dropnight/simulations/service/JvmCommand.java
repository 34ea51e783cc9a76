package io.dropnight.simulations.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one builder of a child JVM's command line: the embedded service, a plan's probe, the tests'
 * Gatling nights. {@code java} of this JVM, JVM flags, {@code -D} properties, then a main class
 * or Gatling's launcher. Not thread-safe; build one command per instance.
 */
public final class JvmCommand {
    /** Netty's leak detection level, passed on to every child: a child's buffers are tracked as this JVM's are. */
    public static final String LEAK_LEVEL_PROPERTY = "io.netty.leakDetection.level";
    /** Gatling's launcher, as the Maven plugin forks it. */
    public static final String GATLING_MAIN = "io.gatling.app.Gatling";
    /** What Gatling's stats writer needs, as the Maven plugin's default JVM arguments give it. */
    public static final String GATLING_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    private final List<String> command = new ArrayList<>();

    private JvmCommand() {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java} of this JVM, with this JVM's leak detection level when one was given to it. */
    public static JvmCommand java() {
        JvmCommand c = new JvmCommand();
        String leakLevel = System.getProperty(LEAK_LEVEL_PROPERTY);
        if (leakLevel != null && !leakLevel.isBlank()) {
            c.property(LEAK_LEVEL_PROPERTY, leakLevel.trim());
        }
        return c;
    }

    /** {@code java} of this JVM and nothing else (a caller that sets the leak level itself). */
    public static JvmCommand plain() {
        return new JvmCommand();
    }

    /** The command so far, for a caller that adds its own class path and main class. */
    public List<String> prefix() {
        return List.copyOf(command);
    }

    /** JVM flags such as {@code -Xmx1g}. */
    public JvmCommand jvmArgs(String... args) {
        command.addAll(List.of(args));
        return this;
    }

    public JvmCommand property(String key, String value) {
        command.add("-D" + Objects.requireNonNull(key, "key") + "=" + Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Each as {@code -Dkey=value}, in the map's order. */
    public JvmCommand properties(Map<String, String> properties) {
        properties.forEach(this::property);
        return this;
    }

    /** The whole command: the class path, the main class and its arguments. */
    public List<String> main(String classpath, String mainClass, List<String> args) {
        List<String> c = new ArrayList<>(command);
        c.addAll(List.of("-cp", classpath, mainClass));
        c.addAll(args);
        return List.copyOf(c);
    }

    /** The whole command for Gatling's launcher running {@code simulation}, results in {@code results}. */
    public List<String> gatling(String classpath, String simulation, Path results, String description) {
        return main(classpath, GATLING_MAIN, List.of("-s", simulation, "-rf", results.toString(), "-rd", description));
    }

    /** The whole command running an executable jar (a foreign target, such as WireMock's standalone server). */
    public List<String> jar(Path jar, List<String> args) {
        List<String> c = new ArrayList<>(command);
        c.addAll(List.of("-jar", jar.toString()));
        c.addAll(args);
        return List.copyOf(c);
    }
}
