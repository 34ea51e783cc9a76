package io.dropnight.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails a test class when Netty's leak detector reports a ByteBuf that was never released.
 * Registered for every test class through the JUnit extension service file; Surefire runs with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 *
 * <p>Netty reports a leak when the leaked buffer has been garbage-collected and another buffer is
 * tracked, so after each class this forces collections and allocates a few tracked buffers.
 */
public final class LeakGuard implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        startWatching();
    }

    /**
     * Installs the listener on Netty's leak logger (once per JVM) and forgets earlier reports. The
     * Jupiter extension calls it before each class; engines that do not run Jupiter extensions
     * (jqwik) must call it themselves, or {@link #leaks()} stays empty whatever leaks.
     */
    public static void startWatching() {
        install();
        LEAKS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        provokeReports();
        if (!LEAKS.isEmpty()) {
            String first = LEAKS.get(0);
            int n = LEAKS.size();
            LEAKS.clear();
            fail(n + " Netty buffer leak(s) reported during " + context.getDisplayName() + "; first:\n" + first);
        }
    }

    /** Runs collections and tracked allocations until Netty has had the chance to report leaks. */
    public static void provokeReports() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            byte[] churn = new byte[1 << 20];
            churn[0] = 1;
            ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
            a.release();
            b.release();
        }
    }

    /** Leaks reported since {@link #startWatching()} (for tests that assert on them directly). */
    public static List<String> leaks() {
        return List.copyOf(LEAKS);
    }

    /** Forgets reports so far; only for the guard's own test, which leaks on purpose. */
    static void forgetReports() {
        LEAKS.clear();
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getFormattedMessage().contains("LEAK")) {
                    LEAKS.add(event.getFormattedMessage());
                }
            }
        };
        appender.setName("leak-guard");
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        installed = true;
    }
}
