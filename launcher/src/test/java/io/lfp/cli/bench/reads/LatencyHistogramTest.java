package io.lfp.cli.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfSmallLatenciesAreExactNearestRanks() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 100; micros >= 1; micros--) {
            histogram.record(micros);
        }
        assertEquals(100, histogram.count());
        assertEquals(50, histogram.percentileMicros(50));
        assertEquals(99, histogram.percentileMicros(99));
        assertEquals(100, histogram.percentileMicros(100));
        assertEquals(1, histogram.percentileMicros(0));
        assertEquals(100, histogram.maxMicros());
    }

    @Test
    void largeLatenciesAreWithinAFifthOfAPercentAndTheMaximumIsExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 98; i++) {
            histogram.record(12_345);
        }
        histogram.record(250_000);
        histogram.recordNanos(4_999_999_999L);
        long p50 = histogram.percentileMicros(50);
        long p99 = histogram.percentileMicros(99);
        assertTrue(Math.abs(p50 - 12_345) <= 12_345 / 512, "p50 " + p50);
        assertTrue(Math.abs(p99 - 250_000) <= 250_000 / 512, "p99 " + p99);
        assertEquals(4_999_999, histogram.maxMicros());
        assertEquals(4_999_999, histogram.percentileMicros(100));
    }

    @Test
    void everyValueFallsIntoABucketWhoseMiddleIsWithinAFifthOfAPercent() {
        long previous = -1;
        for (long micros = 0; micros < 20_000_000; micros = micros < 5000 ? micros + 1 : micros * 1001 / 1000) {
            int index = LatencyHistogram.index(micros);
            assertTrue(index >= previous, "buckets follow the values' order at " + micros);
            previous = index;
            long middle = LatencyHistogram.middle(index);
            assertTrue(Math.abs(middle - micros) <= Math.max(0, micros / 512), micros + " -> " + middle);
        }
    }

    @Test
    void addedHistogramsCountAsOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 1; i <= 50; i++) {
            a.record(i);
            b.record(50 + i);
        }
        a.add(b);
        assertEquals(100, a.count());
        assertEquals(50, a.percentileMicros(50));
        assertEquals(99, a.percentileMicros(99));
        assertEquals(100, a.maxMicros());
    }

    @Test
    void anEmptyHistogramReportsZero() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(0, histogram.count());
        assertEquals(0, histogram.percentileMicros(99));
        assertEquals(0, histogram.maxMicros());
    }
}
