package io.dropnight.reliability.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The full overload sweep (scripts/overload-sweep.sh): every policy at 0.5x, 1x, 2x, 5x and 10x
 * the modelled capacity, then the 12x browse surge per policy; prints Markdown tables.
 *
 * <p>Arguments (all optional): {@code seconds-per-cell} (default 5), {@code poisson|fixed}
 * (default poisson), {@code seed} (default 2026).
 */
public final class OverloadSweep {
    private static final double[] MULTIPLES = {0.5, 1, 2, 5, 10};
    private static final String[] POLICIES = {"none", "fixed", "adaptive", "priority"};

    private OverloadSweep() {
    }

    public static void main(String[] args) throws Exception {
        Duration cell = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        Arrivals.Shape shape = args.length > 1 ? Arrivals.Shape.valueOf(args[1].toUpperCase(Locale.ROOT))
                : Arrivals.Shape.POISSON;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
        Path runRoot = Files.createTempDirectory("dropnight-sweep");
        System.out.printf(Locale.ROOT, "capacity model: %d slots x fixed %d ms = %.0f req/s, queue %d; client timeout %d ms; "
                        + "%s arrivals, seed %d, %d s per cell; cores %d%n%n", OverloadBench.SLOTS,
                OverloadBench.SERVICE_TIME.toMillis(), OverloadBench.CAPACITY, OverloadBench.QUEUE_LIMIT,
                OverloadBench.CLIENT_TIMEOUT.toMillis(), shape.name().toLowerCase(Locale.ROOT), seed, cell.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.println(OverloadBench.Level.header());
        List<OverloadBench.Level> levels = new ArrayList<>();
        for (String policy : POLICIES) {
            for (double m : MULTIPLES) {
                OverloadBench.Level l = OverloadBench.level(runRoot, policy, m, cell, shape, seed);
                levels.add(l);
                System.out.println(l.row());
            }
        }
        System.out.println();
        System.out.println(OverloadBench.Surge.header());
        for (String policy : POLICIES) {
            System.out.println(OverloadBench.surge(runRoot, policy, cell, shape, seed).row());
        }
    }
}
