package io.lfp.aggregate.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the aggregate service, under {@code lfp.aggregate}. */
@ConfigMapping(prefix = "lfp.aggregate")
public interface AggregateConfig {

    /**
     * Key of the transaction-scoped PostgreSQL advisory lock every transaction adding count changes
     * takes, so that two of them (from any number of instances) never interleave. Must be the same
     * for every instance sharing the database.
     */
    @WithDefault("7400008301")
    long countsLockKey();

    /**
     * Number of parallel transactions that add an upload's count changes, each for the names that
     * hash to it; uses the advisory lock keys after {@link #countsLockKey()} (key + 1 + part).
     * An upload already partly added keeps its number of parts.
     */
    @WithDefault("2")
    int uploadCountParts();

    /** Number of names {@code GET /api/aggregates} returns when {@code top} is not given. */
    @WithDefault("20")
    int defaultTop();

    /** Largest {@code top} a client may ask for; more is a 400 "Invalid parameter" ({@code rest.TopParam}). */
    @WithDefault("1000")
    int maxTop();
}
