package io.dropnight.simulations.watch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps a run able to finish when its injector runs out of file descriptors: nothing recorded may be
 * lost then. Before the load, it loads (without initialising) every Dropnight class from the class
 * path's folders, since a JVM with no descriptor left cannot read a class file; and it holds a few
 * descriptors that {@link #release()} gives back before the run folder is written.
 *
 * <p>Thread-safe: {@link #release()} may be called more than once, from any thread.
 */
public final class DescriptorReserve {
    private static final Path DEV_NULL = Path.of("/dev/null");
    private final List<FileChannel> held = new ArrayList<>();

    private DescriptorReserve() {
    }

    /** Preloads the classes under {@code io/dropnight} and holds {@code count} descriptors. */
    public static DescriptorReserve hold(int count, ClassLoader loader) {
        preload(loader);
        DescriptorReserve r = new DescriptorReserve();
        if (Files.isReadable(DEV_NULL)) {
            for (int i = 0; i < count; i++) {
                try {
                    r.held.add(FileChannel.open(DEV_NULL, StandardOpenOption.READ));
                } catch (IOException e) {
                    break; // already short of descriptors: the watch will say so
                }
            }
        }
        return r;
    }

    /** Descriptors held now. */
    public synchronized int held() {
        return held.size();
    }

    /** Gives the descriptors back. */
    public synchronized void release() {
        for (FileChannel c : held) {
            try {
                c.close();
            } catch (IOException e) {
                System.err.println("dropnight: could not release a reserved descriptor: " + e.getMessage());
            }
        }
        held.clear();
    }

    private static void preload(ClassLoader loader) {
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path root = Path.of(entry);
            Path ours = root.resolve("io").resolve("dropnight");
            if (!Files.isDirectory(ours)) {
                continue; // jars stay open once read: only folders need a descriptor per class
            }
            try (Stream<Path> files = Files.walk(ours)) {
                files.filter(p -> p.toString().endsWith(".class")).forEach(p -> load(root, p, loader));
            } catch (IOException | UncheckedIOException e) {
                System.err.println("dropnight: could not preload classes from " + root + ": " + e.getMessage());
            }
        }
    }

    private static void load(Path root, Path file, ClassLoader loader) {
        String name = root.relativize(file).toString().replace(File.separatorChar, '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.matches(".*Tests?(\\$.*)?") || name.startsWith("io.dropnight.testing.")) {
            return; // the tests' own classes: never used by a run
        }
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // A test-only class whose dependencies are absent here: not needed by the run.
        }
    }
}
