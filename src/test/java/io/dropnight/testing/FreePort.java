package io.dropnight.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A loopback port free right now, for a foreign target a test starts (nginx, WireMock). */
final class FreePort {
    private FreePort() {
    }

    static int next() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
