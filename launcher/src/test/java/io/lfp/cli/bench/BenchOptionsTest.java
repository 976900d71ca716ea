package io.lfp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsAreHalfAMillionRowsTwoWorkersTheServicesChunkSizeAndAWarmUp() {
        assertEquals(new BenchOptions(500_000, 2, null, 1, 50_000, false, false, null), BenchOptions.parse(List.of()));
    }

    @Test
    void everyOptionInBothSpellings() {
        assertEquals(new BenchOptions(100_000, 4, 8_388_608L, 9, 0, true, true, "foundation jars"),
                BenchOptions.parse(List.of("100_000", "--workers", "4", "--chunk-size=8388608", "--seed", "9", "--keep-file",
                        "--warm-up=0", "--keep", "--note", "foundation jars")));
    }

    @Test
    void resultsAreWrittenWhereGitIgnoresThemUnlessKept() {
        assertEquals(Path.of("bench/results"), BenchOptions.parse(List.of()).resultsDirectory());
        assertEquals(Path.of("bench/results/kept"), BenchOptions.parse(List.of("--keep")).resultsDirectory());
        assertEquals(Path.of("bench/results/kept"), BenchOptions.parse(List.of("--keep-file", "--keep")).resultsDirectory());
        assertFalse(BenchOptions.parse(List.of("--keep-file")).keep(), "--keep-file keeps the CSV, not the JSON");
    }

    @Test
    void wrongInputIsRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--workers", "0")))
                .getMessage().startsWith("--workers must be from 1 to 16"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--chunk-size")))
                .getMessage().startsWith("--chunk-size needs a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--warm-up", "-1")))
                .getMessage().startsWith("--warm-up must be 0 or more rows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("10", "20")))
                .getMessage().startsWith("Unexpected argument: 20"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("many")))
                .getMessage().startsWith("ROWS must be a whole number, was: many"));
    }
}
