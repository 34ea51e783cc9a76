package io.dropnight.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Proves the guard can fail: a deliberately leaked buffer is reported. */
class LeakGuardTest {

    @Test
    void detectsADeliberateLeak() {
        leakOne();
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            LeakGuard.provokeReports();
            return !LeakGuard.leaks().isEmpty();
        });
        assertFalse(LeakGuard.leaks().isEmpty());
        // Clear what this test caused so the guard's own after-all check does not fail the class.
        LeakGuard.forgetReports();
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
