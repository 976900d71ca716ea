package io.lfp.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the ingest job ({@code lfp.ingest.*}). */
@ConfigMapping(prefix = "lfp.ingest")
public interface IngestConfig {

    /**
     * Valid rows per upsert statement. About 20k rows a statement measured best with the
     * reactive client; fewer means more round trips, more means longer locks and more memory.
     */
    @WithDefault("20000")
    int batchSize();

    /**
     * A batch is also sent when its rows hold this many characters, so a file of huge
     * descriptions cannot fill the heap with {@link #batchSize()} rows of 64k characters.
     */
    @WithDefault("16000000")
    long batchMaxChars();

    /**
     * Upsert statements in flight at once per job while parsing goes on. The position guard
     * makes out-of-order commits safe; 2 to 4 measured best on 2 cores.
     */
    @WithDefault("2")
    int maxInFlightBatches();

    /** Rejected rows per insert statement (their raw text may be long). */
    @WithDefault("1000")
    int rejectedBatchSize();

    /** Minimum time between two ingest-progress events of one job. */
    @WithDefault("250ms")
    Duration progressInterval();

    /** How long to wait for Kafka to acknowledge the ingest-finished event before giving up. */
    @WithDefault("60s")
    Duration publishTimeout();
}
