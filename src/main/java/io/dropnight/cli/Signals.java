package io.dropnight.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call, so the service can drain and exit 0 itself. (A shutdown
 * hook alone would leave the JVM exiting with 143.)
 */
final class Signals {
    private Signals() {
    }

    static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> action.run());
        }
    }
}
