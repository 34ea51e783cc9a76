package io.dropnight.testing;

import io.dropnight.simulations.service.JvmCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a test needs to start a JVM of its own (the service, a Gatling run) under the same leak
 * regime as Surefire's: Netty's leak detection level, passed on, and a check of the child's output
 * for Netty's {@code LEAK:} report, which fails the test. In-process tests have {@link LeakGuard}
 * for that; a child's reports only reach its console.
 */
public final class ChildJvm {
    /** Netty's system property for the leak detection level. */
    public static final String LEAK_LEVEL_PROPERTY = "io.netty.leakDetection.level";
    /** What Netty prints at the start of every leak report. */
    public static final String LEAK_REPORT = "LEAK:";

    private ChildJvm() {
    }

    /** How {@code dropnight serve} says where it listens, on its standard output. */
    private static final java.util.regex.Pattern LISTENING =
            java.util.regex.Pattern.compile("Dropnight listening on http://127\\.0\\.0\\.1:(\\d+)");

    /**
     * The port a {@code dropnight serve} child announced on its standard output, awaited for at most
     * 30 s; {@code detail} (its stderr, say) is added to the failure when it exits without listening.
     */
    public static int awaitListeningPort(Process serve, java.util.function.Supplier<String> detail) {
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<Integer> port = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    java.util.regex.Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
                throw new IllegalStateException("serve exited without listening: " + detail.get());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> port.isDone() ? port.join() : null, java.util.Objects::nonNull);
    }

    /** This JVM's leak detection level as given to it (Surefire passes {@code paranoid}), else paranoid. */
    public static String leakLevel() {
        return System.getProperty(LEAK_LEVEL_PROPERTY, "paranoid");
    }

    /** {@code java} of this JVM, with this JVM's leak detection level (paranoid if none), then {@code jvmArgs}. */
    public static List<String> java(String... jvmArgs) {
        return new ArrayList<>(command(jvmArgs).prefix());
    }

    /** As {@link #java}, as the builder, to go on with properties and a main class. */
    public static JvmCommand command(String... jvmArgs) {
        return JvmCommand.plain().property(LEAK_LEVEL_PROPERTY, leakLevel())
                .property("io.netty.leakDetection.targetRecords", "8").jvmArgs(jvmArgs);
    }

    /**
     * Gives a child JVM the chance to report leaks before it stops, as {@link LeakGuard} does in
     * process: Netty reports a leaked buffer only once it has been garbage-collected and another
     * buffer is tracked, and a short run may never collect. Runs {@code jcmd <pid> GC.run}, then
     * {@code trackedWork} (a request to the child, whose buffers are tracked) a few times.
     */
    public static void provokeLeakReports(long pid, ThrowingRunnable trackedWork) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (int i = 0; i < 2; i++) {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                gc.destroyForcibly();
                fail("jcmd " + pid + " GC.run did not finish within 30 s");
            }
            trackedWork.run();
        }
    }

    /** Work that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Fails when {@code output} (a child's console) holds a Netty leak report. */
    public static void assertNoLeakReport(String what, String output) {
        int at = output.indexOf(LEAK_REPORT);
        if (at >= 0) {
            fail(what + " reported a Netty buffer leak:\n"
                    + output.substring(at, Math.min(output.length(), at + 4_000)));
        }
    }

    /** Fails when any file named {@code fileName} under {@code root} holds a Netty leak report. */
    public static void assertNoLeakReportIn(Path root, String fileName) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals(fileName)).toList()) {
                assertNoLeakReport(f.toString(), Files.readString(f));
            }
        }
    }
}
