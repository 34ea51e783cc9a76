package io.dropnight.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Assertions shared by the hostile-input, fuzz and access-control tests. */
public final class WireHygiene {
    /** Fragments that only a stack trace, a class name or a file-system path would put in a body. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "at io.", "at java.", ".java:",
            "io.netty.", "io.dropnight.", "java.lang", "com.fasterxml", "/work/", "/tmp/", "/home/", "/root/");

    private WireHygiene() {
    }

    /** Fails when {@code body} shows a stack trace, an internal class name or a path of this machine. */
    public static void assertNoInternals(String what, String body) {
        for (String fragment : INTERNALS) {
            assertFalse(body.contains(fragment), () -> what + ": the response shows internals ('" + fragment
                    + "'): " + body);
        }
    }

    /** A fresh, well-behaved client is still served: the server survived whatever came before. */
    public static void assertServesNormalClient(InetSocketAddress address) throws IOException {
        RawHttp.Response health = RawHttp.get(address, "/health", null);
        assertEquals(200, health.status(), "a normal client is no longer served: " + health);
    }
}
