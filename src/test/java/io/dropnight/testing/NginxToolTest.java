package io.dropnight.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without nginx the nginx tests are skipped naming the package to install; under CI=true they fail. */
class NginxToolTest {

    @Test
    void aMissingNginxSkipsNamingThePackageAndFailsUnderCi() {
        Map<String, String> noNginx = Map.of("PATH", "/nonexistent");
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ExternalTool.require(noNginx, NginxTarget.DEBIAN_PACKAGE, "nginx"));
        assertTrue(skipped.getMessage().contains("install the Debian package nginx-light"), skipped.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.require(Map.of("PATH", "/nonexistent", "CI", "true"), NginxTarget.DEBIAN_PACKAGE, "nginx"));
        assertTrue(failed.getMessage().startsWith("CI=true: "), failed.getMessage());
    }

    @Test
    void routesAreTheAccessLogsEndpoints() {
        assertEquals("/v2/shows/{id}", NginxTarget.route("/v2/shows/42"));
        assertEquals("/v2/watch/{id}/ping", NginxTarget.route("/v2/watch/w4203/ping"));
        assertEquals("/v2/browse", NginxTarget.route("/v2/browse"));
    }
}
