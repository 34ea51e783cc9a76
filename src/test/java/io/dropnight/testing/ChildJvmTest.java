package io.dropnight.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A child JVM inherits the leak level, and a leak report in its output fails the test. */
class ChildJvmTest {
    @TempDir
    Path dir;

    @Test
    void passesSurefiresLeakLevelOn() {
        assertEquals("paranoid", ChildJvm.leakLevel(), "Surefire's argLine sets paranoid");
        assertTrue(ChildJvm.java("-Xmx64m").contains("-Dio.netty.leakDetection.level=paranoid"));
    }

    @Test
    void aChildJvmThatLeaksReportsItOnItsConsoleAndTheCheckFails() throws Exception {
        java.util.List<String> command = ChildJvm.java("-Xmx64m");
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), LeakingMain.class.getName()));
        Path out = dir.resolve("child.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the leaking child did not finish");
        String output = Files.readString(out);
        assertThrows(AssertionFailedError.class, () -> ChildJvm.assertNoLeakReport("the child", output),
                () -> "no leak report in the child's output:\n" + output);
    }

    @Test
    void failsOnANettyLeakReportInAChildsLog() throws Exception {
        Path run = Files.createDirectories(dir.resolve("reports/run-1"));
        Files.writeString(run.resolve("server.log"), "07:00:01.000 INFO started\n");
        assertDoesNotThrow(() -> ChildJvm.assertNoLeakReportIn(dir, "server.log"));
        Files.writeString(run.resolve("server.log"), "07:00:02.000 ERROR i.n.u.ResourceLeakDetector - LEAK: "
                + "ByteBuf.release() was not called before it's garbage-collected.\n");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ChildJvm.assertNoLeakReportIn(dir, "server.log"));
        assertTrue(e.getMessage().contains("LEAK: ByteBuf.release() was not called"), e.getMessage());
    }
}
