package io.dropnight.simulations.service;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The service's classpath, derived from the Gatling JVM's own. The Gatling Maven plugin forks
 * with a manifest-only "booter" jar ({@code java.class.path} is one /tmp/gatlingbooter*.jar whose
 * {@code Class-Path} lists target/classes, target/test-classes and every dependency); surefire may
 * do the same. The manifest is expanded and the test-only entries (test classes with their
 * logback-test.xml, Gatling's own jars) are dropped, so the service runs on the project's classes
 * and runtime dependencies.
 */
public final class ServiceClasspath {
    private ServiceClasspath() {
    }

    public static String fromThisJvm() throws IOException {
        String raw = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        for (String e : raw.split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            List<String> expanded = manifestClassPath(e);
            entries.addAll(expanded.isEmpty() ? List.of(e) : expanded);
        }
        List<String> kept = entries.stream().filter(ServiceClasspath::serviceNeeds).distinct().toList();
        return String.join(File.pathSeparator, kept);
    }

    static boolean serviceNeeds(String entry) {
        String e = entry.replace('\\', '/');
        return !e.contains("/test-classes") && !e.contains("/io/gatling/") && !e.contains("gatlingbooter")
                && !e.contains("surefirebooter");
    }

    /** The entries of a manifest-only jar's {@code Class-Path}, or empty when it has none. */
    public static List<String> manifestClassPath(String entry) throws IOException {
        if (!entry.endsWith(".jar") || !new File(entry).isFile()) {
            return List.of();
        }
        try (JarFile jar = new JarFile(entry)) {
            Manifest mf = jar.getManifest();
            String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
            if (cp == null || cp.isBlank()) {
                return List.of();
            }
            Path base = Path.of(entry).toAbsolutePath().getParent();
            List<String> out = new ArrayList<>();
            for (String item : cp.trim().split("\\s+")) {
                URI uri = base.toUri().resolve(item);
                out.add(Path.of(uri).toString());
            }
            return out;
        }
    }
}
