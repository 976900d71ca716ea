package io.lfp.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lfp.ingest.config.IngestConfig;

class ProgressThrottleTest {

    /** An IngestConfig that only answers progressInterval(). */
    private static IngestConfig interval(Duration interval) {
        return (IngestConfig) Proxy.newProxyInstance(IngestConfig.class.getClassLoader(),
                new Class<?>[] { IngestConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("progressInterval")) {
                        return interval;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void withIntervalZeroEveryChunkIsAnnouncedEvenFromConcurrentCommits() throws Exception {
        ProgressThrottle throttle = new ProgressThrottle(interval(Duration.ZERO));
        AtomicInteger published = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                calls.add(pool.submit(() -> {
                    if (throttle.shouldPublish("upload", false)) {
                        published.incrementAndGet();
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20_000, published.get());
    }

    @Test
    void withinTheIntervalOnlyTheFirstAndTheLastChunkAreAnnounced() {
        ProgressThrottle throttle = new ProgressThrottle(interval(Duration.ofHours(1)));
        assertTrue(throttle.shouldPublish("a", false));
        assertFalse(throttle.shouldPublish("a", false));
        assertTrue(throttle.shouldPublish("b", false), "each upload has its own interval");
        assertTrue(throttle.shouldPublish("a", true), "the last chunk is always announced");
        assertTrue(throttle.shouldPublish("a", false), "after the last chunk the upload starts over");
    }
}
