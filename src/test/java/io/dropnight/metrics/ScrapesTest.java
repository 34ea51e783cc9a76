package io.dropnight.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScrapesTest {

    @Test
    void nobodyScrapedSoNobodyIsWaitedFor() {
        assertFalse(new Scrapes().awaitOneMore(Duration.ofMinutes(5)));
    }

    @Test
    void endsWhenAScrapeBegunAfterTheWaitIsAnswered() throws Exception {
        Scrapes s = new Scrapes();
        s.answered(s.begin());
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> s.awaitOneMore(Duration.ofSeconds(30)));
        // a scraper polling: some of its scrapes may begin before the wait does; one after it ends it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            s.answered(s.begin());
            return waited.isDone();
        });
        assertTrue(waited.get(1, TimeUnit.SECONDS));
    }

    @Test
    void aScrapeStillBeingWrittenIsNotTheLast() {
        Scrapes s = new Scrapes();
        s.begin();
        // begun before the wait and never answered: the wait runs to its bound
        assertFalse(s.awaitOneMore(Duration.ofMillis(50)));
    }

    @Test
    void givesUpAtItsBound() {
        Scrapes s = new Scrapes();
        s.answered(s.begin());
        assertFalse(s.awaitOneMore(Duration.ofMillis(50)));
    }
}
