package io.lfp.cli.bench.reads;

import java.time.Duration;

/**
 * How hard and how long the read phase loads each endpoint.
 *
 * @param clients concurrent clients, each sending its next request as soon as the last one is answered
 * @param measured how long each row is measured
 * @param warmUp how long each row runs before it is measured (not counted)
 * @param requestTimeout a request without a complete answer by then counts as an error ("timeout")
 * @param freshKeys how many distinct keys of each kind (skus, sku prefixes, name prefixes) to sample for the
 *        "fresh" rows: each request asks one never asked before, in both passes; a row that runs out stops early
 *        and says so
 * @param redisDown also run every row with Redis stopped, then start it again
 * @param deepRank the rank (1 = the name with most products) of the item the deep-page row pages after
 */
public record ReadPhaseOptions(int clients, Duration measured, Duration warmUp, Duration requestTimeout, int freshKeys,
        boolean redisDown, long deepRank) {
    public static final int DEFAULT_CLIENTS = 64;
    public static final int DEFAULT_SECONDS = 10;
    public static final Duration WARM_UP = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Two passes of 12 s at about 6,000 requests a second. */
    public static final int FRESH_KEYS = 150_000;
    public static final long DEEP_RANK = 100_000;

    public ReadPhaseOptions {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, was " + clients);
        }
        if (measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("the measured time must be positive, was " + measured);
        }
        if (freshKeys < 1 || deepRank < 1) {
            throw new IllegalArgumentException("freshKeys and deepRank must be at least 1");
        }
    }

    /** The load: 64 clients, 10 s per row after 2 s of warm-up, 5 s timeout, with Redis down as well. */
    public static ReadPhaseOptions defaults() {
        return of(DEFAULT_CLIENTS, DEFAULT_SECONDS);
    }

    /** {@code --read-clients N --read-seconds S}, the rest as {@link #defaults()}. */
    public static ReadPhaseOptions of(int clients, int seconds) {
        return new ReadPhaseOptions(clients, Duration.ofSeconds(seconds), WARM_UP, REQUEST_TIMEOUT, FRESH_KEYS, true,
                DEEP_RANK);
    }
}
