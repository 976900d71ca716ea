package io.lfp.cli.bench.reads;

/**
 * Latencies in microseconds, counted in log-linear buckets (as HdrHistogram does): exact below 1,024 µs, within
 * 1/512 (0.2%) above, up to days, in a fixed array of 16,384 counts whatever the number of requests.
 * The maximum is kept exactly. Not thread-safe: each load client records into its own and they are
 * {@link #add added} up at the end.
 */
final class LatencyHistogram {
    /** Values below this have a bucket each. */
    private static final int EXACT = 1024;
    /** Buckets per power of two above {@link #EXACT}. */
    private static final int SUB = 512;
    private static final int SUB_BITS = 9;
    private static final int BUCKETS = 16_384;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    void recordNanos(long nanos) {
        record(Math.max(0, nanos / 1_000));
    }

    void record(long micros) {
        counts[index(micros)]++;
        total++;
        max = Math.max(max, micros);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return max;
    }

    /**
     * The latency that {@code percent} % of the recorded ones do not exceed (nearest rank); 0 when nothing was
     * recorded. Above 1,024 µs it is the middle of its bucket, never above the maximum.
     */
    long percentileMicros(double percent) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, middle(i));
            }
        }
        return max;
    }

    static int index(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - SUB_BITS;
        int index = EXACT + (shift - 1) * SUB + (int) ((micros >> shift) - SUB);
        return Math.min(index, BUCKETS - 1);
    }

    /** The middle of bucket {@code index}'s range of values. */
    static long middle(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB + 1;
        long low = ((long) ((index - EXACT) % SUB + SUB)) << shift;
        return low + ((1L << shift) - 1) / 2;
    }
}
