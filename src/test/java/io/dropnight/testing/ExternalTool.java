package io.dropnight.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A program a test needs from the machine (a browser, docker-compose), found on {@code PATH} under
 * any of its names. Missing, it skips the test on a developer's machine with a line saying how to
 * install it, and fails it under CI ({@code CI=true}, which {@code .ci/run} and most CI systems set),
 * where a skip would let the build go green without the check.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /**
     * The first of {@code names} found executable on {@code PATH}.
     *
     * @param debianPackage the package that provides it, named in the skip or failure message
     * @return its path; never returns when it is missing (the test is skipped or failed)
     */
    public static Path require(String debianPackage, String... names) {
        return require(System.getenv(), debianPackage, names);
    }

    static Path require(Map<String, String> env, String debianPackage, String... names) {
        Optional<Path> found = find(env.getOrDefault("PATH", ""), names);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "none of " + List.of(names) + " is on PATH; install the Debian package " + debianPackage
                + " (apt-get install -y --no-install-recommends " + debianPackage + "; .ci/run does)";
        if ("true".equalsIgnoreCase(env.getOrDefault("CI", "").trim())) {
            fail("CI=true: " + message);
        }
        Assumptions.abort("skipped: " + message);
        throw new AssertionError("unreachable");
    }

    static Optional<Path> find(String path, String... names) {
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
