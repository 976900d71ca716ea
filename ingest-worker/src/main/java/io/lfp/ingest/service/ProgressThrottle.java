package io.lfp.ingest.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.config.IngestConfig;

/** Decides whether a chunk commit is announced as progress: at most one per upload per interval on this instance. */
@ApplicationScoped
public class ProgressThrottle {

    /** An upload whose last chunk ran elsewhere is never removed; past this many entries they are all forgotten. */
    private static final int MAX_UPLOADS = 10_000;

    private final ConcurrentMap<String, Long> lastNanos = new ConcurrentHashMap<>();
    private final long intervalNanos;

    public ProgressThrottle(IngestConfig config) {
        this.intervalNanos = config.progressInterval().toNanos();
    }

    /** True when progress should be published now; always for the job's last chunk. */
    public boolean shouldPublish(String uploadId, boolean lastChunk) {
        if (lastChunk) {
            lastNanos.remove(uploadId);
            return true;
        }
        if (lastNanos.size() > MAX_UPLOADS) {
            lastNanos.clear();
        }
        boolean[] publish = new boolean[1];
        lastNanos.compute(uploadId, (id, last) -> {
            // read the clock inside compute (serialized per upload): a time read before it could be older than
            // the one another chunk's commit stored meanwhile, and suppress progress even with interval 0
            long now = System.nanoTime();
            if (last == null || now - last >= intervalNanos) {
                publish[0] = true;
                return now;
            }
            return last;
        });
        return publish[0];
    }
}
