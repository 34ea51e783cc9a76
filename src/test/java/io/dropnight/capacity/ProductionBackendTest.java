package io.dropnight.capacity;

import io.dropnight.core.Endpoint;
import io.dropnight.shedding.OverloadPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The backend {@link VirtualBackend#create} builds: its own thread, wall-clock model time. */
class ProductionBackendTest {

    @Test
    void servesOnItsOwnThreadAndStopsOnClose() {
        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        try (VirtualBackend backend = VirtualBackend.create(OverloadPolicy.FIXED, Models.uniform(2, 2, "fixed:1ms"), 1)) {
            backend.serve(Endpoint.TITLE, "title:1", Runnable::run, v -> {
                thread.set(Thread.currentThread().getName());
                verdict.complete(v);
            });
            await().atMost(Duration.ofSeconds(5)).until(verdict::isDone);
        }
        assertEquals(Verdict.SERVED, verdict.join());
        assertEquals(true, thread.get().startsWith(VirtualBackend.THREAD_NAME), thread.get());
    }

    @Test
    void closeAnswersRequestsStillInServiceAsFailed() {
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        VirtualBackend backend = VirtualBackend.create(OverloadPolicy.NONE, Models.uniform(1, 0, "fixed:1h"), 1);
        backend.serve(Endpoint.TITLE, null, Runnable::run, verdict::complete);
        backend.close();
        await().atMost(Duration.ofSeconds(5)).until(verdict::isDone);
        assertEquals(Verdict.FAILED, verdict.join());
    }
}
