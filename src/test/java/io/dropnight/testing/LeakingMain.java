package io.dropnight.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/** A JVM that leaks one buffer on purpose, for {@link ChildJvmTest}: Netty must report it on the console. */
public final class LeakingMain {
    private LeakingMain() {
    }

    public static void main(String[] args) {
        leak();
        for (int i = 0; i < 20; i++) {
            LeakGuard.provokeReports();
        }
    }

    private static void leak() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
