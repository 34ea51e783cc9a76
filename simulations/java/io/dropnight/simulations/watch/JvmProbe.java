package io.dropnight.simulations.watch;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Reads this JVM's own resources: open file descriptors and their limit (Linux {@code /proc/self},
 * else the platform MXBean), CPU time and GC time, cumulative. Thread-safe (stateless reads).
 */
public final class JvmProbe {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path LIMITS = Path.of("/proc/self/limits");

    /**
     * Cumulative readings. {@code openFds} is -1 when unknown; {@code threadCpuNanos} maps live
     * thread ids to their CPU time (empty where the platform does not measure it).
     */
    public record Reading(long openFds, long fdLimit, long cpuNanos, long gcMillis, Map<Long, Long> threadCpuNanos) {
        /** The most CPU any one thread used since {@code before}, nanoseconds (threads born since count from 0). */
        public long hottestThreadNanosSince(Reading before) {
            long max = 0;
            for (Map.Entry<Long, Long> e : threadCpuNanos.entrySet()) {
                max = Math.max(max, e.getValue() - before.threadCpuNanos.getOrDefault(e.getKey(), 0L));
            }
            return max;
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final com.sun.management.OperatingSystemMXBean os = ManagementFactory
            .getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

    /** Read once: reading /proc/self/limits later needs a descriptor that may be missing then. */
    private final long fdLimit = softFdLimit().orElse(0);

    public Reading read() {
        return new Reading(openFds(fdLimit), fdLimit, os.getProcessCpuTime(), gcMillis(), threadCpu());
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> out = new HashMap<>();
        if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
            for (long id : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(id);
                if (t >= 0) {
                    out.put(id, t);
                }
            }
        }
        return out;
    }

    public int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Open files; when they cannot even be listed for want of a descriptor, the limit itself. */
    private long openFds(long limit) {
        if (Files.isDirectory(FDS)) {
            try (Stream<Path> fds = Files.list(FDS)) {
                return fds.count() - 1; // the listing's own descriptor
            } catch (IOException | java.io.UncheckedIOException e) {
                return String.valueOf(e.getMessage()).contains("Too many open files") && limit > 0 ? limit : -1;
            }
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    /** The soft limit of open files, as the kernel applies it to this process now. */
    public static OptionalLong softFdLimit() {
        return limits().map(l -> OptionalLong.of(l[0])).orElseGet(JvmProbe::mxBeanLimit);
    }

    /** The hard limit of open files, when /proc tells it. */
    public static OptionalLong hardFdLimit() {
        return limits().map(l -> OptionalLong.of(l[1])).orElse(OptionalLong.empty());
    }

    /** {soft, hard} from /proc/self/limits ("unlimited" as Long.MAX_VALUE). */
    private static java.util.Optional<long[]> limits() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return java.util.Optional.of(new long[] {value(f[0]), value(f[1])});
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: the MXBean's figure stands.
        }
        return java.util.Optional.empty();
    }

    private static long value(String f) {
        return "unlimited".equals(f) ? Long.MAX_VALUE : Long.parseLong(f);
    }

    private static OptionalLong mxBeanLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount()) : OptionalLong.empty();
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
