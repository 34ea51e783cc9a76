package io.dropnight.cli;

import io.dropnight.bench.BareHelloServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code dropnight bench-hello}: runs the bare Netty hello server that {@code scripts/bench.sh}
 * compares the service against, on loopback, until SIGTERM or SIGINT.
 */
@Command(name = "bench-hello", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a bare Netty HTTP hello server (the benchmark's ceiling) on 127.0.0.1.")
public final class BenchHelloCommand implements Callable<Integer> {
    @Option(names = "--port", description = "TCP port; 0 picks a free one (default: 0).")
    int port;
    @Option(names = "--event-loops", paramLabel = "N",
            description = "Worker event loops; 0 for Netty's default of twice the cores, as the service uses (default: 0).")
    int eventLoops;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "--port must be between 0 and 65535, was " + port);
        }
        if (eventLoops < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--event-loops must be 0 (Netty's default) or more, was " + eventLoops);
        }
        BareHelloServer.run(new BareHelloServer(eventLoops), "127.0.0.1", port);
        return 0;
    }
}
