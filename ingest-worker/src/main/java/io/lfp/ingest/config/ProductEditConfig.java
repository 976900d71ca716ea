package io.lfp.ingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Single-product edits and the relay that announces them ({@code lfp.products.*}). */
@ConfigMapping(prefix = "lfp.products")
public interface ProductEditConfig {

    /**
     * How often every instance looks for edits whose ProductChanged event was not sent yet (an instance
     * that crashed between commit and publish). Normally an edit is sent right after its commit.
     */
    @WithDefault("1s")
    Duration outboxSweepInterval();

    /** Outbox rows published per relay transaction. */
    @WithDefault("100")
    int outboxBatchSize();

    /**
     * Key of the transaction-scoped advisory lock the relay holds while it publishes, so that the
     * instances publish one after another, in outbox order. The same for every instance.
     */
    @WithDefault("7400008201")
    long outboxLockKey();

    /** Sent outbox rows are deleted once they are this old. */
    @WithDefault("7d")
    Duration outboxRetention();

    /**
     * How long to wait for Kafka to acknowledge a ProductChanged before the batch is left for a retry.
     * Longer than the producer's {@code delivery.timeout.ms} for the channel (30 s), so the producer has
     * given the record up by then and does not deliver it later on top of the retry's copy.
     */
    @WithDefault("35s")
    Duration publishTimeout();

    /**
     * Longest a statement of the product API may run (SET LOCAL statement_timeout in its transaction, env
     * LFP_PRODUCTS_STATEMENT_TIMEOUT); past it the client gets 503. Merges on the same pool are not limited.
     */
    @WithDefault("5s")
    Duration statementTimeout();

    /** Most entries one page of GET /api/audit/products may ask for ({@code limit}); more is a 400. */
    @WithDefault("500")
    int auditMaxLimit();
}
