package io.lfp.upload.service;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.upload.config.UploadConfig;
import io.lfp.upload.domain.TooManyUploadsException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounds the uploads streamed at once (lfp.upload.max-concurrent-uploads): each holds two part buffers, so
 * without a bound a crowd of clients runs the heap out. A slot is taken before a request's body is read and
 * given back exactly once, whichever way the request ends.
 */
@ApplicationScoped
public class UploadSlots {

    private final UploadConfig config;
    private final Semaphore free;
    private final Counter refused;

    public UploadSlots(UploadConfig config, MeterRegistry registry) {
        this.config = config;
        this.free = new Semaphore(config.maxConcurrentUploads());
        this.refused = registry.counter("lfp.uploads.refused.busy");
        registry.gauge("lfp.uploads.streaming", free, f -> config.maxConcurrentUploads() - f.availablePermits());
    }

    /** @return a slot, or empty when every slot is taken */
    public Optional<Slot> tryTake() {
        if (free.tryAcquire()) {
            return Optional.of(new Slot());
        }
        refused.increment();
        return Optional.empty();
    }

    /** What a client refused for want of a slot is told. */
    public TooManyUploadsException busy() {
        return new TooManyUploadsException(config.maxConcurrentUploads(), config.retryAfterSeconds());
    }

    /** Slots taken now. */
    public int inUse() {
        return config.maxConcurrentUploads() - free.availablePermits();
    }

    /**
     * One taken slot. The request's handler claims it and releases it when the upload's buffers are no
     * longer used; a request that ends before its handler ran (refused by the framework, client gone)
     * releases it unclaimed. A claimed slot is not released by the end of the request, because the handler
     * may still be holding buffers after the client went away.
     */
    public final class Slot implements AutoCloseable {
        private static final int TAKEN = 0;
        private static final int CLAIMED = 1;
        private static final int RELEASED = 2;

        private final AtomicInteger state = new AtomicInteger(TAKEN);

        /** @return false when the request already ended and the slot went back */
        public boolean claim() {
            return state.compareAndSet(TAKEN, CLAIMED);
        }

        public void releaseUnclaimed() {
            if (state.compareAndSet(TAKEN, RELEASED)) {
                free.release();
            }
        }

        @Override
        public void close() {
            if (state.getAndSet(RELEASED) != RELEASED) {
                free.release();
            }
        }
    }
}
